// SPDX-License-Identifier: Apache-2.0
// The `orbita` table scripts call, and the `const` shortcut.
#pragma once

struct lua_State;

namespace orbita::kernel::lua {

/// Builds the API once per sandbox state. Every function finds its run through
/// RunState::of, so one state serves many runs and users; every table is a read-only
/// proxy.
///
///   orbita.records.*            see RecordsBinding
///   orbita.const.NAME / const.NAME   global constants (unknown name: error)
///   orbita.now()                the kernel clock, ISO 8601 UTC ("2024-03-15T09:30:00.000Z")
///   orbita.log(level, message)  level: debug, info, warn, error (print() logs at info)
///   orbita.json.encode(v), orbita.json.decode(s), orbita.json.null
///   orbita.fmt.money(amount, currency), .number(n, decimals), .date(value, style),
///   .plural(n, one, few, many)  Russian formatting (RussianFormat)
///   orbita.modules.<name>       plugin and stored Lua modules, loaded once per run
///   orbita.calendar.*, orbita.notify, orbita.outbox.webhook   extension points (LuaExtensions)
class OrbitaApi {
public:
    /// Pushes the protected `orbita` table.
    static void push(lua_State* L);
    /// Pushes the protected `const` table (the same as orbita.const).
    static void push_constants(lua_State* L);
};

}  // namespace orbita::kernel::lua
