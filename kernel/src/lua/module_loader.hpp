// SPDX-License-Identifier: Apache-2.0
// orbita.modules: Lua libraries from plugins and stored scripts, without `require`.
#pragma once

struct lua_State;

namespace orbita::kernel::lua {

/// `orbita.modules.bookmarks.util` (or `orbita.modules["bookmarks.util"]`) runs the
/// module's chunk once per run, with the run's own globals, and answers what it
/// returned; later reads in the same run get the same value. A name that is only a
/// prefix of module names ("bookmarks") answers a namespace table; anything else is an
/// error naming the module. Modules are loaded as text under the same budgets as the
/// script, and cannot reach anything the script could not.
class ModuleLoader {
public:
    /// Pushes the protected root `modules` table.
    static void push(lua_State* L);
};

}  // namespace orbita::kernel::lua
