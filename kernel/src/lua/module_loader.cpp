// SPDX-License-Identifier: Apache-2.0
#include "lua/module_loader.hpp"

#include "lua/binding.hpp"
#include "lua/read_only.hpp"

namespace orbita::kernel::lua {

namespace {

int module_index(lua_State* L);

int module_newindex(lua_State* L) { return luaL_error(L, "orbita.modules is read-only"); }

// A namespace table for `prefix` ("" for the root, "bookmarks." below it).
void push_namespace(lua_State* L, int prefix_index) {
    lua_newtable(L);
    lua_createtable(L, 0, 3);
    lua_pushvalue(L, prefix_index);
    lua_pushcclosure(L, module_index, 1);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, module_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushliteral(L, "protected");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    ReadOnlyTable::mark(L, -1);
}

enum class Found { Module, Namespace, Missing, Failed };

// Looks `name` up and, for a module, pushes its compiled chunk. Only this scope holds
// C++ objects; luaL_loadbufferx is protected (it reports, never longjmps).
Found find(lua_State* L, RunState& run, const char* name) {
    try {
        const std::string wanted = name;
        auto source = run.services().module ? run.services().module(wanted) : std::nullopt;
        if (source) {
            const std::string chunk = "@" + source->chunk;
            if (luaL_loadbufferx(L, source->code.data(), source->code.size(), chunk.c_str(), "t") != LUA_OK) {
                run.parked_error = lua_tostring(L, -1);
                lua_pop(L, 1);
                return Found::Failed;
            }
            return Found::Module;
        }
        if (run.services().module_names) {
            for (const auto& n : run.services().module_names()) {
                if (n.size() > wanted.size() && n.compare(0, wanted.size(), wanted) == 0 && n[wanted.size()] == '.') {
                    return Found::Namespace;
                }
            }
        }
        return Found::Missing;
    } catch (...) {
        run.parked_error = describe_current_exception();
        return Found::Failed;
    }
}

// Upvalue 1: the prefix of this namespace.
int module_index(lua_State* L) {
    RunState* run = RunState::of(L);
    if (!run) return luaL_error(L, "orbita.modules used outside a run");
    const char* key = luaL_checkstring(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushstring(L, key);
    lua_concat(L, 2);
    const int name = lua_gettop(L);
    if (lua_rawgeti(L, LUA_REGISTRYINDEX, run->modules_ref) != LUA_TTABLE) return luaL_error(L, "orbita.modules used outside a run");
    const int loaded = lua_gettop(L);
    lua_pushvalue(L, name);
    if (lua_rawget(L, loaded) != LUA_TNIL) return 1;
    lua_pop(L, 1);
    switch (find(L, *run, lua_tostring(L, name))) {
        case Found::Module: {
            lua_rawgeti(L, LUA_REGISTRYINDEX, run->env_ref);
            lua_setupvalue(L, -2, 1);
            lua_call(L, 0, 1);
            if (lua_isnil(L, -1)) {
                lua_pop(L, 1);
                lua_pushboolean(L, 1);  // like require: a module that returns nothing is `true`
            }
            lua_pushvalue(L, name);
            lua_pushvalue(L, -2);
            lua_rawset(L, loaded);
            return 1;
        }
        case Found::Namespace:
            lua_pushvalue(L, name);
            lua_pushliteral(L, ".");
            lua_concat(L, 2);
            push_namespace(L, lua_gettop(L));
            return 1;
        case Found::Missing: return luaL_error(L, "no Lua module named '%s'", lua_tostring(L, name));
        case Found::Failed: break;
    }
    lua_pushstring(L, run->parked_error.c_str());
    run->parked_error.clear();
    return lua_error(L);
}

}  // namespace

void ModuleLoader::push(lua_State* L) {
    lua_pushliteral(L, "");
    push_namespace(L, lua_gettop(L));
    lua_remove(L, -2);
}

}  // namespace orbita::kernel::lua
