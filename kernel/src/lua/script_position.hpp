// SPDX-License-Identifier: Apache-2.0
// Where the script is: the innermost frame running Lua code.
#pragma once

struct lua_State;

namespace orbita::kernel::lua {

/// A chunk name and line. `chunk` points into the Lua state (valid while the function
/// is alive) and is "" when unknown; `line` is 0 when no Lua frame has one.
struct ScriptPosition {
    const char* chunk = "";
    int line = 0;

    /// The innermost frame of `L` with a current line (C functions have none). Reads
    /// the stack only and allocates nothing, so the allocator and hooks may call it.
    static ScriptPosition innermost(lua_State* L);
};

}  // namespace orbita::kernel::lua
