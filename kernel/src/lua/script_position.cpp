// SPDX-License-Identifier: Apache-2.0
#include "lua/script_position.hpp"

#include <lua.hpp>

namespace orbita::kernel::lua {

ScriptPosition ScriptPosition::innermost(lua_State* L) {
    lua_Debug ar;
    for (int level = 0; lua_getstack(L, level, &ar); ++level) {
        if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
            // '@' marks chunk names that are file-like names (ours); others are shown as is.
            return {ar.source && ar.source[0] == '@' ? ar.source + 1 : "", ar.currentline};
        }
    }
    return {};
}

}  // namespace orbita::kernel::lua
