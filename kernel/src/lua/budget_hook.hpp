// SPDX-License-Identifier: Apache-2.0
// The debug hook that enforces instruction, time and call-depth budgets.
#pragma once

struct lua_State;

namespace orbita::kernel::lua {

/// Lua hooks are per coroutine (new coroutines copy their creator's hook, and the
/// sandbox's coroutine.create/wrap re-arm it explicitly), and all of them report to the
/// run found through the allocator, so the budgets cover coroutines too.
///
/// The abort is not an ordinary error a script could catch: once a budget is exhausted
/// the hook is re-armed to fire on every instruction and raises the abort sentinel each
/// time, so a pcall that swallowed it fails again on its next instruction; the
/// sandbox's pcall, xpcall and coroutine.resume also re-raise it at once.
class BudgetHook {
public:
    /// Instructions between two budget checks.
    static constexpr int kStep = 1000;

    /// Arms the normal hook (count + call) on `L`.
    static void arm(lua_State* L);
    /// Arms the hook to fire on every instruction (after an abort).
    static void arm_every_instruction(lua_State* L);
    /// Applies the current mode of the run to a new coroutine `co`.
    static void arm_like_run(lua_State* L, lua_State* co);
    static void disarm(lua_State* L);

    /// Pushes the abort sentinel (a light userdata no script can forge) and raises it.
    [[noreturn]] static void raise_abort(lua_State* L);
    /// True when the value at `index` is the abort sentinel.
    static bool is_abort(lua_State* L, int index);
    /// Raises the abort when the run has been aborted; returns otherwise.
    static void reraise_if_aborted(lua_State* L);
    /// Lua's own recursion limits ("C stack overflow", "stack overflow") can trigger
    /// before the call-depth budget when recursion goes through C (metamethods, pcall).
    /// When the error at `index` is one of them, the run is aborted as "call depth limit
    /// exceeded"; answers whether it was. Does not raise.
    static bool abort_on_overflow(lua_State* L, int index);
};

}  // namespace orbita::kernel::lua
