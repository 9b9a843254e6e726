// SPDX-License-Identifier: Apache-2.0
#include "lua/lua_value.hpp"

#include <lua.hpp>

#include <cmath>
#include <stdexcept>
#include <string>

namespace orbita::kernel::lua {

namespace {

const char kNullSentinel = 0;

nlohmann::json read_value(lua_State* L, int index, int depth);

nlohmann::json read_table(lua_State* L, int index, int depth) {
    if (depth > LuaValue::kMaxDepth) throw std::invalid_argument("table nesting is too deep (a table containing itself?)");
    // lua_checkstack reports failure instead of raising, unlike luaL_checkstack.
    if (!lua_checkstack(L, 4)) throw std::invalid_argument("Lua stack exhausted while reading a table");
    index = lua_absindex(L, index);
    const lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, index));
    bool has_string_keys = false;
    lua_Integer count = 0;
    lua_pushnil(L);
    while (lua_next(L, index) != 0) {
        ++count;
        if (lua_type(L, -2) == LUA_TSTRING) {
            has_string_keys = true;
        } else if (!lua_isinteger(L, -2)) {
            lua_pop(L, 2);
            throw std::invalid_argument("table keys must be strings or array indexes");
        }
        lua_pop(L, 1);
    }
    if (count > 0 && !has_string_keys && count == n) {
        nlohmann::json out = nlohmann::json::array();
        for (lua_Integer i = 1; i <= n; ++i) {
            lua_rawgeti(L, index, i);
            try {
                out.push_back(read_value(L, -1, depth + 1));
            } catch (...) {
                lua_pop(L, 1);
                throw;
            }
            lua_pop(L, 1);
        }
        return out;
    }
    if (count > 0 && !has_string_keys) throw std::invalid_argument("arrays must have keys 1..n without holes");
    nlohmann::json out = nlohmann::json::object();
    lua_pushnil(L);
    while (lua_next(L, index) != 0) {
        if (lua_type(L, -2) != LUA_TSTRING) {
            lua_pop(L, 2);
            throw std::invalid_argument("a table mixes string keys and array indexes");
        }
        std::size_t len = 0;
        const char* key = lua_tolstring(L, -2, &len);
        try {
            out[std::string(key, len)] = read_value(L, -1, depth + 1);
        } catch (...) {
            lua_pop(L, 2);
            throw;
        }
        lua_pop(L, 1);
    }
    return out;
}

nlohmann::json read_value(lua_State* L, int index, int depth) {
    switch (lua_type(L, index)) {
        case LUA_TNIL: return nullptr;
        case LUA_TBOOLEAN: return lua_toboolean(L, index) != 0;
        case LUA_TNUMBER: {
            if (lua_isinteger(L, index)) return static_cast<std::int64_t>(lua_tointeger(L, index));
            const double d = lua_tonumber(L, index);
            if (!std::isfinite(d)) throw std::invalid_argument("NaN and infinity have no JSON form");
            return d;
        }
        case LUA_TSTRING: {
            std::size_t len = 0;
            const char* s = lua_tolstring(L, index, &len);
            return std::string(s, len);
        }
        case LUA_TTABLE: return read_table(L, index, depth);
        case LUA_TLIGHTUSERDATA:
            if (lua_touserdata(L, index) == &kNullSentinel) return nullptr;
            [[fallthrough]];
        default:
            throw std::invalid_argument(std::string("a ") + lua_typename(L, lua_type(L, index)) +
                                        " value has no JSON form");
    }
}

// Runs under lua_pcall: only trivially destructible C++ objects live in these frames.
void write_value(lua_State* L, const nlohmann::json& v, int depth, bool in_array) {
    if (depth > LuaValue::kMaxDepth) luaL_error(L, "JSON nesting is too deep");
    luaL_checkstack(L, 3, "JSON nesting is too deep");
    switch (v.type()) {
        case nlohmann::json::value_t::null:
            if (in_array) {
                LuaValue::push_null(L);
            } else {
                lua_pushnil(L);
            }
            return;
        case nlohmann::json::value_t::boolean: lua_pushboolean(L, v.get<bool>()); return;
        case nlohmann::json::value_t::number_integer: lua_pushinteger(L, v.get<std::int64_t>()); return;
        case nlohmann::json::value_t::number_unsigned: {
            const auto u = v.get<std::uint64_t>();
            if (u > static_cast<std::uint64_t>(LUA_MAXINTEGER)) {
                lua_pushnumber(L, static_cast<lua_Number>(u));
            } else {
                lua_pushinteger(L, static_cast<lua_Integer>(u));
            }
            return;
        }
        case nlohmann::json::value_t::number_float: lua_pushnumber(L, v.get<double>()); return;
        case nlohmann::json::value_t::string: {
            const auto& s = v.get_ref<const std::string&>();
            lua_pushlstring(L, s.data(), s.size());
            return;
        }
        case nlohmann::json::value_t::array: {
            lua_createtable(L, static_cast<int>(v.size()), 0);
            lua_Integer i = 0;
            for (auto it = v.begin(); it != v.end(); ++it) {
                write_value(L, *it, depth + 1, true);
                lua_rawseti(L, -2, ++i);
            }
            return;
        }
        case nlohmann::json::value_t::object: {
            lua_createtable(L, 0, static_cast<int>(v.size()));
            for (auto it = v.begin(); it != v.end(); ++it) {
                if (it->is_null()) continue;
                const auto& key = it.key();
                lua_pushlstring(L, key.data(), key.size());
                write_value(L, *it, depth + 1, false);
                lua_rawset(L, -3);
            }
            return;
        }
        default: lua_pushnil(L); return;
    }
}

int write_entry(lua_State* L) {
    const auto* value = static_cast<const nlohmann::json*>(lua_touserdata(L, 1));
    lua_pop(L, 1);
    write_value(L, *value, 0, false);
    return 1;
}

}  // namespace

nlohmann::json LuaValue::to_json(lua_State* L, int index) { return read_value(L, index, 0); }

int LuaValue::push(lua_State* L, const nlohmann::json& value) {
    if (!lua_checkstack(L, 3)) return LUA_ERRMEM;
    lua_pushcfunction(L, write_entry);
    lua_pushlightuserdata(L, const_cast<nlohmann::json*>(&value));
    return lua_pcall(L, 1, 1, 0);
}

void LuaValue::push_null(lua_State* L) { lua_pushlightuserdata(L, const_cast<char*>(&kNullSentinel)); }

bool LuaValue::is_null(lua_State* L, int index) {
    return lua_islightuserdata(L, index) && lua_touserdata(L, index) == &kNullSentinel;
}

}  // namespace orbita::kernel::lua
