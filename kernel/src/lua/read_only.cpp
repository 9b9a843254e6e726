// SPDX-License-Identifier: Apache-2.0
#include "lua/read_only.hpp"

#include <lua.hpp>

namespace orbita::kernel::lua {

namespace {

const char kProtectedSetKey = 0;

// Upvalues: 1 the real table, 2 the name.
int proxy_index(lua_State* L) {
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) return 1;
    if (lua_type(L, 2) == LUA_TSTRING) {
        return luaL_error(L, "%s.%s is not available in scripts", lua_tostring(L, lua_upvalueindex(2)),
                          lua_tostring(L, 2));
    }
    return luaL_error(L, "%s has no such field", lua_tostring(L, lua_upvalueindex(2)));
}

int proxy_newindex(lua_State* L) {
    if (lua_type(L, 2) == LUA_TSTRING) {
        return luaL_error(L, "cannot assign %s.%s: %s is read-only", lua_tostring(L, lua_upvalueindex(2)),
                          lua_tostring(L, 2), lua_tostring(L, lua_upvalueindex(2)));
    }
    return luaL_error(L, "%s is read-only", lua_tostring(L, lua_upvalueindex(2)));
}

int proxy_next(lua_State* L) {
    // (proxy-ignored, key) -> next key of the real table
    lua_settop(L, 2);
    if (lua_next(L, lua_upvalueindex(1)) == 0) return 0;
    return 2;
}

int proxy_pairs(lua_State* L) {
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushcclosure(L, proxy_next, 1);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

int proxy_len(lua_State* L) {
    lua_pushinteger(L, static_cast<lua_Integer>(lua_rawlen(L, lua_upvalueindex(1))));
    return 1;
}

void push_protected_set(lua_State* L) {
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &kProtectedSetKey) == LUA_TTABLE) return;
    lua_pop(L, 1);
    lua_newtable(L);
    lua_newtable(L);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kProtectedSetKey);
}

}  // namespace

void ReadOnlyTable::protect(lua_State* L, const char* name) {
    const int real = lua_gettop(L);
    lua_newtable(L);  // proxy
    lua_createtable(L, 0, 6);
    const lua_CFunction with_table_and_name[] = {proxy_index, proxy_newindex};
    const char* events[] = {"__index", "__newindex"};
    for (int i = 0; i < 2; ++i) {
        lua_pushvalue(L, real);
        lua_pushstring(L, name);
        lua_pushcclosure(L, with_table_and_name[i], 2);
        lua_setfield(L, -2, events[i]);
    }
    lua_pushvalue(L, real);
    lua_pushcclosure(L, proxy_pairs, 1);
    lua_setfield(L, -2, "__pairs");
    lua_pushvalue(L, real);
    lua_pushcclosure(L, proxy_len, 1);
    lua_setfield(L, -2, "__len");
    lua_pushliteral(L, "protected");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    mark(L, -1);
    lua_replace(L, real);
}

void ReadOnlyTable::mark(lua_State* L, int index) {
    index = lua_absindex(L, index);
    push_protected_set(L);
    lua_pushvalue(L, index);
    lua_pushboolean(L, 1);
    lua_rawset(L, -3);
    lua_pop(L, 1);
}

bool ReadOnlyTable::is_protected(lua_State* L, int index) {
    if (!lua_istable(L, index)) return false;
    index = lua_absindex(L, index);
    push_protected_set(L);
    lua_pushvalue(L, index);
    const bool found = lua_rawget(L, -2) != LUA_TNIL;
    lua_pop(L, 2);
    return found;
}

}  // namespace orbita::kernel::lua
