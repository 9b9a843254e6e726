// SPDX-License-Identifier: Apache-2.0
#include "lua/orbita_api.hpp"

#include "lua/binding.hpp"
#include "lua/lua_extensions.hpp"
#include "lua/module_loader.hpp"
#include "lua/read_only.hpp"
#include "lua/records_binding.hpp"
#include "lua/russian_format.hpp"

#include <stdexcept>

namespace orbita::kernel::lua {

namespace {

const char kConstantsKey = 0;

std::string string_arg(lua_State* L, int index, const char* what) {
    if (lua_type(L, index) != LUA_TSTRING) throw std::invalid_argument(std::string("argument #") + std::to_string(index) + ": " + what + " (string) expected");
    std::size_t len = 0;
    const char* s = lua_tolstring(L, index, &len);
    return std::string(s, len);
}

double number_arg(lua_State* L, int index, const char* what) {
    if (lua_type(L, index) != LUA_TNUMBER) throw std::invalid_argument(std::string("argument #") + std::to_string(index) + ": " + what + " (number) expected");
    return lua_tonumber(L, index);
}

int current_line(lua_State* L) {
    lua_Debug ar;
    return lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar) ? ar.currentline : 0;
}

int now_iso(lua_State* L) {
    return call_guarded(L, [](RunState& run) -> Values { return {format_utc(run.services().clock.now())}; });
}

int log_line(lua_State* L) {
    return call_guarded(L, [L](RunState& run) -> Values {
        const auto level = string_arg(L, 1, "level");
        if (level != "debug" && level != "info" && level != "warn" && level != "error") {
            throw std::invalid_argument("log level must be debug, info, warn or error");
        }
        std::string message;
        if (lua_type(L, 2) == LUA_TSTRING) {
            message = string_arg(L, 2, "message");
        } else {
            message = LuaValue::to_json(L, 2).dump();
        }
        run.add_log(level, std::move(message), current_line(L));
        return {};
    });
}

int json_encode(lua_State* L) {
    return call_guarded(L, [L](RunState&) -> Values { return {LuaValue::to_json(L, 1).dump()}; });
}

int json_decode(lua_State* L) {
    return call_guarded(L, [L](RunState&) -> Values {
        const auto text = string_arg(L, 1, "JSON text");
        // Depth is limited while parsing: pushing (and freeing) very deep trees recurses.
        auto limit = [](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
            if (depth > LuaValue::kMaxDepth) throw std::invalid_argument("JSON nesting is too deep");
            return true;
        };
        try {
            return {nlohmann::json::parse(text, limit)};
        } catch (const nlohmann::json::parse_error& e) {
            throw std::invalid_argument(std::string("invalid JSON: ") + e.what());
        }
    });
}

int fmt_money(lua_State* L) {
    return call_guarded(L, [L](RunState&) -> Values {
        const auto currency = lua_isnoneornil(L, 2) ? std::string("RUB") : string_arg(L, 2, "currency");
        return {RussianFormat::money(number_arg(L, 1, "amount"), currency)};
    });
}

int fmt_number(lua_State* L) {
    return call_guarded(L, [L](RunState&) -> Values {
        const int decimals = lua_isnoneornil(L, 2) ? 0 : static_cast<int>(number_arg(L, 2, "decimals"));
        return {RussianFormat::number(number_arg(L, 1, "number"), decimals)};
    });
}

int fmt_plural(lua_State* L) {
    return call_guarded(L, [L](RunState&) -> Values {
        return {RussianFormat::plural(number_arg(L, 1, "n"), string_arg(L, 2, "form for 1"),
                                      string_arg(L, 3, "form for 2"), string_arg(L, 4, "form for 5"))};
    });
}

int fmt_date(lua_State* L) {
    return call_guarded(L, [L](RunState& run) -> Values {
        const auto style = lua_isnoneornil(L, 2) ? std::string("short") : string_arg(L, 2, "style");
        return {RussianFormat::date(string_arg(L, 1, "date or datetime"), style, run.services().time_zone)};
    });
}

int constant_index(lua_State* L) {
    return call_guarded(L, [L](RunState& run) -> Values {
        const auto name = string_arg(L, 2, "constant name");
        auto value = run.services().constant ? run.services().constant(name) : std::nullopt;
        if (!value) throw std::runtime_error("unknown constant '" + name + "'");
        return {std::move(*value)};
    });
}

int constant_newindex(lua_State* L) {
    return luaL_error(L, "constants are read-only in scripts (administrators change them in the constants API)");
}

// Upvalue 1: the extension point name ("calendar.add_working").
int extension_call(lua_State* L) {
    return call_guarded(L, [L](RunState& run) -> Values {
        const std::string name = lua_tostring(L, lua_upvalueindex(1));
        auto fn = run.services().extensions->find(name);
        if (!fn) throw std::runtime_error(LuaExtensions::not_available(name));
        nlohmann::json args = nlohmann::json::array();
        for (int i = 1, n = lua_gettop(L); i <= n; ++i) args.push_back(LuaValue::to_json(L, i));
        return fn(run, args);
    });
}

void set_function(lua_State* L, const char* field, lua_CFunction fn) {
    lua_pushcfunction(L, fn);
    lua_setfield(L, -2, field);
}

void set_extension(lua_State* L, const char* field, const char* point) {
    lua_pushstring(L, point);
    lua_pushcclosure(L, extension_call, 1);
    lua_setfield(L, -2, field);
}

}  // namespace

void OrbitaApi::push_constants(lua_State* L) {
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &kConstantsKey) == LUA_TTABLE) return;
    lua_pop(L, 1);
    lua_newtable(L);
    lua_createtable(L, 0, 3);
    set_function(L, "__index", constant_index);
    set_function(L, "__newindex", constant_newindex);
    lua_pushliteral(L, "protected");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    ReadOnlyTable::mark(L, -1);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kConstantsKey);
}

void OrbitaApi::push(lua_State* L) {
    lua_newtable(L);
    RecordsBinding::push(L);
    ReadOnlyTable::protect(L, "orbita.records");
    lua_setfield(L, -2, "records");

    const luaL_Reg json[] = {{"encode", json_encode}, {"decode", json_decode}, {nullptr, nullptr}};
    luaL_newlib(L, json);
    LuaValue::push_null(L);
    lua_setfield(L, -2, "null");
    ReadOnlyTable::protect(L, "orbita.json");
    lua_setfield(L, -2, "json");

    const luaL_Reg fmt[] = {{"money", fmt_money}, {"number", fmt_number}, {"plural", fmt_plural},
                            {"date", fmt_date},   {nullptr, nullptr}};
    luaL_newlib(L, fmt);
    ReadOnlyTable::protect(L, "orbita.fmt");
    lua_setfield(L, -2, "fmt");

    push_constants(L);
    lua_setfield(L, -2, "const");
    ModuleLoader::push(L);
    lua_setfield(L, -2, "modules");

    lua_newtable(L);
    set_extension(L, "add_working", "calendar.add_working");
    set_extension(L, "is_working", "calendar.is_working");
    set_extension(L, "working_days_between", "calendar.working_days_between");
    ReadOnlyTable::protect(L, "orbita.calendar");
    lua_setfield(L, -2, "calendar");
    lua_newtable(L);
    set_extension(L, "webhook", "outbox.webhook");
    ReadOnlyTable::protect(L, "orbita.outbox");
    lua_setfield(L, -2, "outbox");
    lua_newtable(L);
    set_extension(L, "start", "process.start");
    ReadOnlyTable::protect(L, "orbita.process");
    lua_setfield(L, -2, "process");
    set_extension(L, "notify", "notify");

    set_function(L, "now", now_iso);
    set_function(L, "log", log_line);
    ReadOnlyTable::protect(L, "orbita");
}

}  // namespace orbita::kernel::lua
