// SPDX-License-Identifier: Apache-2.0
#include "lua/entry_caller.hpp"

#include "lua/binding.hpp"
#include "lua/lua_value.hpp"
#include "lua/run_state.hpp"

#include <lua.hpp>

#include <cstdio>
#include <exception>

namespace orbita::kernel::lua {

namespace {

// Reads the value at `index` into the result: its value, or entry_state[*field]. On
// failure writes the reason into `error` (a plain buffer: the caller raises it once no
// C++ object is alive).
bool read_into(lua_State* L, int index, RunResult& result, const std::string* field, char (&error)[200]) {
    try {
        auto value = LuaValue::to_json(L, index);
        (field ? result.entry_state[*field] : result.value) = std::move(value);
        return true;
    } catch (const std::exception& e) {
        std::snprintf(error, sizeof error, "%s", e.what());
        return false;
    }
}

void list_functions(lua_State* L, int table, RunState& run) {
    lua_pushnil(L);
    while (lua_next(L, table) != 0) {
        if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TFUNCTION) {
            try {
                run.entry_functions.emplace_back(lua_tostring(L, -2));
            } catch (const std::exception&) {
                // Out of memory: the list only helps helpers name steps.
            }
        }
        lua_pop(L, 1);
    }
}

}  // namespace

// Upvalue 1: the helper's name; upvalue 2: the argument table (skipped when the
// script calls p:name(...), which passes it first).
int EntryCaller::helper(lua_State* L) {
    const int first = lua_rawequal(L, 1, lua_upvalueindex(2)) ? 2 : 1;
    return call_guarded(L, [L, first](RunState& run) -> Values {
        const std::string name = lua_tostring(L, lua_upvalueindex(1));
        nlohmann::json args = nlohmann::json::array();
        for (int i = first, n = lua_gettop(L); i <= n; ++i) args.push_back(LuaValue::to_json(L, i));
        return {run.context().entry->helpers.at(name)(run, args)};
    });
}

int EntryCaller::call(lua_State* L, RunState& run, const nlohmann::json& record, int handler) {
    const EntryCall& entry = *run.context().entry;
    if (!lua_istable(L, -1)) {
        return luaL_error(L, "the script must return a table of functions; it returned a %s value", luaL_typename(L, -1));
    }
    const int table = lua_gettop(L);
    list_functions(L, table, run);
    if (lua_getfield(L, table, entry.function.c_str()) != LUA_TFUNCTION) {
        return luaL_error(L, "the script has no function '%s'", entry.function.c_str());
    }
    if (LuaValue::push(L, entry.argument) != LUA_OK) return lua_error(L);
    const int argument = lua_gettop(L);
    if (!record.is_null()) {
        if (LuaValue::push(L, record) != LUA_OK) return lua_error(L);
        lua_setfield(L, argument, "record");
    }
    for (const auto& [name, fn] : entry.helpers) {
        lua_pushstring(L, name.c_str());
        lua_pushvalue(L, argument);
        lua_pushcclosure(L, helper, 2);
        lua_setfield(L, argument, name.c_str());
    }
    lua_pushvalue(L, argument);  // kept below the call for the read-back
    lua_insert(L, argument - 1);
    if (lua_pcall(L, 1, 1, handler) != LUA_OK) return lua_error(L);

    char error[200] = {};
    if (!read_into(L, -1, run.result(), nullptr, error)) {
        return luaL_error(L, "'%s' returned a value that is not data: %s", entry.function.c_str(), error);
    }
    for (const auto& field : entry.read_back) {
        lua_getfield(L, argument - 1, field.c_str());
        if (!read_into(L, -1, run.result(), &field, error)) {
            return luaL_error(L, "%s cannot be kept: %s", field.c_str(), error);
        }
        lua_pop(L, 1);
    }
    return 0;
}

}  // namespace orbita::kernel::lua
