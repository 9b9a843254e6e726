// SPDX-License-Identifier: Apache-2.0
#include "lua/sandbox_library.hpp"

#include "lua/budget_hook.hpp"
#include "lua/read_only.hpp"
#include "lua/run_state.hpp"

#include <lua.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace orbita::kernel::lua {

namespace {

// Continuation shared by pcall and xpcall (the pattern of lbaselib's finishpcall),
// so scripts may still yield inside a pcall within a coroutine.
int finish_pcall(lua_State* L, int status, lua_KContext extra) {
    if (status != LUA_OK && status != LUA_YIELD) {
        if (BudgetHook::is_abort(L, -1) || BudgetHook::abort_on_overflow(L, -1)) BudgetHook::raise_abort(L);
        BudgetHook::reraise_if_aborted(L);
        lua_pushboolean(L, 0);
        lua_pushvalue(L, -2);
        return 2;
    }
    return lua_gettop(L) - static_cast<int>(extra);
}

int safe_pcall(lua_State* L) {
    luaL_checkany(L, 1);
    lua_pushboolean(L, 1);
    lua_insert(L, 1);
    const int status = lua_pcallk(L, lua_gettop(L) - 2, LUA_MULTRET, 0, 0, finish_pcall);
    return finish_pcall(L, status, 0);
}

int safe_xpcall(lua_State* L) {
    const int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushboolean(L, 1);
    lua_pushvalue(L, 1);
    lua_rotate(L, 3, 2);
    const int status = lua_pcallk(L, n - 2, LUA_MULTRET, 2, 2, finish_pcall);
    return finish_pcall(L, status, 2);
}

int safe_rawset(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    if (ReadOnlyTable::is_protected(L, 1)) return luaL_error(L, "rawset: this table is protected (read-only)");
    luaL_checkany(L, 2);
    luaL_checkany(L, 3);
    lua_settop(L, 3);
    lua_rawset(L, 1);
    return 1;
}

int safe_setmetatable(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    const int t = lua_type(L, 2);
    luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
    if (ReadOnlyTable::is_protected(L, 1)) return luaL_error(L, "setmetatable: this table is protected (read-only)");
    if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL) return luaL_error(L, "cannot change a protected metatable");
    // A finaliser would run whenever the collector gets to it, possibly during a later
    // run of another script in this reused state.
    if (t == LUA_TTABLE && lua_getfield(L, 2, "__gc") != LUA_TNIL) {
        return luaL_error(L, "setmetatable: __gc metamethods are not allowed in scripts");
    }
    lua_settop(L, 2);
    lua_setmetatable(L, 1);
    return 1;
}

int safe_load(lua_State* L) {
    RunState* run = RunState::of(L);
    if (lua_type(L, 1) != LUA_TSTRING) return luaL_error(L, "load: only source text (a string) can be loaded in scripts");
    std::size_t len = 0;
    const char* code = lua_tolstring(L, 1, &len);
    const char* name = luaL_optstring(L, 2, "=(load)");
    if (!lua_isnoneornil(L, 3)) {
        const char* mode = luaL_checkstring(L, 3);
        if (std::string_view(mode) != "t") return luaL_error(L, "load: binary chunks are not allowed (mode must be \"t\")");
    }
    const bool has_env = !lua_isnone(L, 4);
    // Text only: a binary chunk is refused by the loader ("attempt to load a binary chunk").
    if (luaL_loadbufferx(L, code, len, name, "t") != LUA_OK) {
        lua_pushnil(L);
        lua_insert(L, -2);
        return 2;
    }
    if (has_env) {
        lua_pushvalue(L, 4);
    } else if (run) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, run->env_ref);
    } else {
        lua_pushnil(L);
    }
    lua_setupvalue(L, -2, 1);
    return 1;
}

int safe_collectgarbage(lua_State* L) {
    const char* option = luaL_optstring(L, 1, "collect");
    if (std::string_view(option) != "count") {
        return luaL_error(L, "collectgarbage(\"%s\") is not available in scripts (only \"count\")", option);
    }
    const int kb = lua_gc(L, LUA_GCCOUNT), bytes = lua_gc(L, LUA_GCCOUNTB);
    lua_pushnumber(L, static_cast<lua_Number>(kb) + static_cast<lua_Number>(bytes) / 1024.0);
    return 1;
}

int safe_print(lua_State* L) {
    const int n = lua_gettop(L);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int i = 1; i <= n; ++i) {
        if (i > 1) luaL_addchar(&b, '\t');
        luaL_tolstring(L, i, nullptr);
        luaL_addvalue(&b);
    }
    luaL_pushresult(&b);
    lua_Debug ar;
    const int line = lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar) ? ar.currentline : 0;
    RunState* run = RunState::of(L);
    std::size_t len = 0;
    const char* text = lua_tolstring(L, -1, &len);
    if (run) run->add_log("info", std::string(text, len), line);
    return 0;
}

int safe_create(lua_State* L) {
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_State* co = lua_newthread(L);
    BudgetHook::arm_like_run(L, co);
    lua_pushvalue(L, 1);
    lua_xmove(L, co, 1);
    return 1;
}

// Upvalues: 1 the real coroutine.resume.
int safe_resume(lua_State* L) {
    const int n = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, n, LUA_MULTRET);
    if (lua_toboolean(L, 1) == 0) {
        if (BudgetHook::is_abort(L, 2) || BudgetHook::abort_on_overflow(L, 2)) BudgetHook::raise_abort(L);
        BudgetHook::reraise_if_aborted(L);
    }
    return lua_gettop(L);
}

// Upvalues: 1 the coroutine, 2 the real coroutine.resume.
int wrapped_call(lua_State* L) {
    const int n = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_rotate(L, 1, 2);
    lua_call(L, n + 1, LUA_MULTRET);
    if (lua_toboolean(L, 1) == 0) {
        if (BudgetHook::is_abort(L, 2) || BudgetHook::abort_on_overflow(L, 2)) BudgetHook::raise_abort(L);
        BudgetHook::reraise_if_aborted(L);
        lua_settop(L, 2);
        return lua_error(L);
    }
    return lua_gettop(L) - 1;
}

// Upvalues: 1 the real coroutine.resume.
int safe_wrap(lua_State* L) {
    safe_create(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushcclosure(L, wrapped_call, 2);
    return 1;
}

// Copies `names` of the library table on top of the stack into a new table, which
// replaces it and is then protected as `lib`.
void keep_only(lua_State* L, const char* lib, std::initializer_list<const char*> names) {
    lua_newtable(L);
    for (const char* name : names) {
        lua_getfield(L, -2, name);
        lua_setfield(L, -2, name);
    }
    lua_remove(L, -2);
    ReadOnlyTable::protect(L, lib);
}

void open_library(lua_State* L, const char* name, lua_CFunction open) {
    luaL_requiref(L, name, open, 0);
}

}  // namespace

void SandboxLibrary::push(lua_State* L) {
    luaL_requiref(L, LUA_GNAME, luaopen_base, 1);  // the state's real _G, never shown to scripts
    lua_newtable(L);  // the sandbox's names
    const int g = lua_gettop(L);
    for (const char* name : {"assert", "error", "getmetatable", "ipairs", "next", "pairs", "rawequal", "rawget",
                             "rawlen", "select", "tonumber", "tostring", "type", "_VERSION"}) {
        lua_getfield(L, g - 1, name);
        lua_setfield(L, g, name);
    }
    const luaL_Reg own[] = {{"pcall", safe_pcall},       {"xpcall", safe_xpcall},
                            {"rawset", safe_rawset},     {"setmetatable", safe_setmetatable},
                            {"load", safe_load},         {"collectgarbage", safe_collectgarbage},
                            {"print", safe_print},       {nullptr, nullptr}};
    luaL_setfuncs(L, own, 0);

    open_library(L, LUA_STRLIBNAME, luaopen_string);
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");  // also reachable as ("").dump through the string metatable
    ReadOnlyTable::protect(L, "string");
    lua_setfield(L, g, "string");
    struct Library {
        const char* name;
        lua_CFunction opener;
    };
    for (const Library& lib : {Library{LUA_TABLIBNAME, luaopen_table}, Library{LUA_MATHLIBNAME, luaopen_math},
                               Library{LUA_UTF8LIBNAME, luaopen_utf8}}) {
        open_library(L, lib.name, lib.opener);
        ReadOnlyTable::protect(L, lib.name);
        lua_setfield(L, g, lib.name);
    }
    open_library(L, LUA_OSLIBNAME, luaopen_os);
    keep_only(L, "os", {"clock", "date", "time"});
    lua_setfield(L, g, "os");

    open_library(L, LUA_COLIBNAME, luaopen_coroutine);
    lua_getfield(L, -1, "resume");
    lua_pushcclosure(L, safe_resume, 1);
    lua_setfield(L, -2, "resume");
    lua_getfield(L, -1, "resume");  // (now the safe one) used by wrap
    lua_pushcclosure(L, safe_wrap, 1);
    lua_setfield(L, -2, "wrap");
    lua_pushcfunction(L, safe_create);
    lua_setfield(L, -2, "create");
    ReadOnlyTable::protect(L, "coroutine");
    lua_setfield(L, g, "coroutine");

    // The string metatable must not lead back to the real string table.
    lua_pushliteral(L, "");
    if (lua_getmetatable(L, -1)) {
        lua_pushliteral(L, "protected");
        lua_setfield(L, -2, "__metatable");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    lua_remove(L, g - 1);  // the real _G stays only in the registry
}

}  // namespace orbita::kernel::lua
