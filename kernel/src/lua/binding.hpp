// SPDX-License-Identifier: Apache-2.0
// How a C++ function is exposed to Lua without mixing longjmp and destructors.
#pragma once

#include "lua/lua_value.hpp"
#include "lua/run_state.hpp"

#include <nlohmann/json.hpp>

#include <lua.hpp>

#include <optional>
#include <vector>

namespace orbita::kernel::lua {

/// Values a binding returns to Lua, in order.
using Values = std::vector<nlohmann::json>;

/// Turns the exception in flight into the text of a Lua error (Problem details and
/// field errors included).
std::string describe_current_exception();

/// Raises `message` as a Lua error prefixed with the script position ("chunk:line: ").
[[noreturn]] void raise_error(lua_State* L, const char* message);

/// Runs the C++ part of a lua_CFunction. Lua raises errors with longjmp, which would
/// skip the destructors of C++ objects in the frames it crosses; so `body` (which may
/// allocate and throw) runs to completion first, its error text is parked in the
/// RunState, its results are pushed under lua_pcall (LuaValue::push), and only when no
/// C++ object of the binding is left does this raise the Lua error, if any.
template <class Body>
int call_guarded(lua_State* L, Body&& body) {
    RunState* run = RunState::of(L);
    if (!run) return luaL_error(L, "orbita API used outside a run");
    int pushed = 0;
    int status = LUA_OK;
    run->parked_error.clear();
    {
        std::optional<Values> values;
        try {
            values = body(*run);
        } catch (...) {
            run->parked_error = describe_current_exception();
        }
        if (values) {
            for (const auto& v : *values) {
                status = LuaValue::push(L, v);
                if (status != LUA_OK) break;
                ++pushed;
            }
        }
    }
    if (status != LUA_OK) return lua_error(L);  // the pusher's error is on the stack
    if (!run->parked_error.empty()) {
        lua_pushstring(L, run->parked_error.c_str());
        run->parked_error.clear();
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
        return lua_error(L);
    }
    return pushed;
}

}  // namespace orbita::kernel::lua
