// SPDX-License-Identifier: Apache-2.0
// The trimmed standard library scripts see.
#pragma once

struct lua_State;

namespace orbita::kernel::lua {

/// Builds the table of standard names a script may use (anchors note §7 item 19):
///   base: assert error getmetatable ipairs next pairs rawequal rawget rawlen select
///         tonumber tostring type _VERSION, and the sandbox's own pcall, xpcall
///         (re-raise budget aborts), rawset and setmetatable (refuse protected tables
///         and __gc), load (text only, the run's globals), collectgarbage ("count"
///         only), print (a log line);
///   string (without dump), table, math, utf8, coroutine (create/wrap arm the budget
///   hook, resume re-raises aborts), os (clock, date, time only).
/// Left out: io, debug, package/require, dofile, loadfile, string.dump and the rest of
/// os. Library tables are read-only proxies; string.dump is also removed from the real
/// string table, since strings reach it through their metatable.
class SandboxLibrary {
public:
    /// Pushes the table of allowed names (not itself visible to scripts).
    static void push(lua_State* L);
};

}  // namespace orbita::kernel::lua
