// SPDX-License-Identifier: Apache-2.0
// Conversions between Lua values and JSON, safe to use from C++ bindings.
#pragma once

#include <nlohmann/json.hpp>

struct lua_State;

namespace orbita::kernel::lua {

/// Lua tables become JSON arrays when their keys are exactly 1..n (n > 0) and objects
/// when every key is a string; an empty table is an empty object. JSON null becomes
/// nil where that loses nothing (object members are left out, a top-level null is nil)
/// and `orbita.json.null` inside arrays, so positions are kept.
///
/// Both directions are written for Lua's error model: reading never raises a Lua error
/// (problems are C++ exceptions, thrown before anything is pushed), and pushing runs
/// under lua_pcall, so running out of memory half-way cannot longjmp over C++ objects.
class LuaValue {
public:
    /// Nesting deeper than this is refused (it also stops cyclic tables).
    static constexpr int kMaxDepth = 100;

    /// The value at `index` as JSON. Throws std::invalid_argument for functions,
    /// coroutines, userdata, cycles, mixed or non-string keys, NaN and infinities.
    static nlohmann::json to_json(lua_State* L, int index);
    /// Pushes `value` (one Lua value). Answers LUA_OK, or the Lua status with the error
    /// message pushed instead.
    static int push(lua_State* L, const nlohmann::json& value);
    /// Pushes the `orbita.json.null` sentinel.
    static void push_null(lua_State* L);
    /// True when the value at `index` is `orbita.json.null`.
    static bool is_null(lua_State* L, int index);
};

}  // namespace orbita::kernel::lua
