// SPDX-License-Identifier: Apache-2.0
#include "lua/budget_hook.hpp"

#include "lua/run_state.hpp"
#include "lua/script_position.hpp"

#include <lua.hpp>

#include <cstring>
#include <string>

namespace orbita::kernel::lua {

namespace {

// Its address is the sentinel: scripts cannot create light userdata.
const char kAbortSentinel = 0;

void on_hook(lua_State* L, lua_Debug* ar);

// Records why the run stops and where, then switches to per-instruction mode. No C++
// object may be alive when raise_abort longjmps, hence the scope.
// The position is that of the innermost frame running Lua code: the hook may fire on
// entering a C function, which has no line.
[[noreturn]] void abort_here(lua_State* L, RunState& run, const char* what) {
    {
        const auto at = ScriptPosition::innermost(L);
        run.abort(what, at.chunk, at.line);
    }
    BudgetHook::arm_every_instruction(L);
    BudgetHook::raise_abort(L);
}

void on_hook(lua_State* L, lua_Debug* ar) {
    RunState* run = RunState::of(L);
    if (!run) return;
    if (run->aborted()) {
        // C functions may still be entered: the message handler that reports the abort
        // and the sandbox's pcall wrappers that re-raise it. Lua code may not.
        if (ar->event == LUA_HOOKCALL && lua_getinfo(L, "S", ar) && ar->what[0] == 'C') return;
        BudgetHook::raise_abort(L);
    }
    const auto& budgets = run->context().budgets;
    if (ar->event == LUA_HOOKCOUNT) {
        run->instructions += BudgetHook::kStep;
        if (run->instructions > budgets.instructions) {
            abort_here(L, *run, "instruction budget exhausted");
        }
        if (std::chrono::steady_clock::now() > run->deadline()) abort_here(L, *run, "time limit exceeded");
    } else if (ar->event == LUA_HOOKCALL || ar->event == LUA_HOOKTAILCALL) {
        // A frame at level `call_depth` exists only when the stack is that deep. Lua's
        // own limits (C stack, 1M slots) would stop runaway recursion too, but later and
        // with less helpful messages.
        lua_Debug probe;
        if (lua_getstack(L, budgets.call_depth, &probe)) abort_here(L, *run, "call depth limit exceeded");
    }
}

}  // namespace

void BudgetHook::arm(lua_State* L) { lua_sethook(L, on_hook, LUA_MASKCOUNT | LUA_MASKCALL, kStep); }

void BudgetHook::arm_every_instruction(lua_State* L) {
    lua_sethook(L, on_hook, LUA_MASKCOUNT | LUA_MASKCALL | LUA_MASKLINE, 1);
}

void BudgetHook::arm_like_run(lua_State* L, lua_State* co) {
    RunState* run = RunState::of(L);
    if (run && run->aborted()) {
        arm_every_instruction(co);
    } else {
        arm(co);
    }
}

void BudgetHook::disarm(lua_State* L) { lua_sethook(L, nullptr, 0, 0); }

void BudgetHook::raise_abort(lua_State* L) {
    lua_pushlightuserdata(L, const_cast<char*>(&kAbortSentinel));
    lua_error(L);
    __builtin_unreachable();
}

bool BudgetHook::is_abort(lua_State* L, int index) {
    return lua_islightuserdata(L, index) && lua_touserdata(L, index) == &kAbortSentinel;
}

bool BudgetHook::abort_on_overflow(lua_State* L, int index) {
    RunState* run = RunState::of(L);
    if (!run || lua_type(L, index) != LUA_TSTRING || !std::strstr(lua_tostring(L, index), "stack overflow")) return false;
    {
        const auto at = ScriptPosition::innermost(L);
        run->abort("call depth limit exceeded", at.chunk, at.line);
    }
    arm_every_instruction(L);
    return true;
}

void BudgetHook::reraise_if_aborted(lua_State* L) {
    RunState* run = RunState::of(L);
    if (run && run->aborted()) raise_abort(L);
}

}  // namespace orbita::kernel::lua
