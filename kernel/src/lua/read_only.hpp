// SPDX-License-Identifier: Apache-2.0
// Read-only proxies for the tables scripts share: libraries, `orbita`, the globals.
#pragma once

struct lua_State;

namespace orbita::kernel::lua {

/// A sandbox state is reused by many runs (see SandboxState), so nothing a script can
/// reach may be changed by it: each shared table is handed out as an empty proxy whose
/// metatable reads from the real table, refuses writes, hides itself (`__metatable`)
/// and iterates the real table (`__pairs`). Reading a name the table does not have is
/// an error too ("os.execute is not available in scripts"), so a typo fails loudly
/// instead of producing nil. The proxies are recorded in a registry set that the
/// sandbox's rawset and setmetatable consult, since those bypass metatables.
class ReadOnlyTable {
public:
    /// Replaces the table on top of the stack with its proxy, reported as `name`.
    static void protect(lua_State* L, const char* name);
    /// Adds the table at `index` to the protected set (for tables protected by their
    /// own metatable, such as a run's globals).
    static void mark(lua_State* L, int index);
    /// True when the table at `index` is protected.
    static bool is_protected(lua_State* L, int index);
};

}  // namespace orbita::kernel::lua
