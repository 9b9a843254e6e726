// SPDX-License-Identifier: Apache-2.0
// The mutable state of one Lua run, reachable from every binding and hook.
#pragma once

#include "lua/run_context.hpp"
#include "lua/run_result.hpp"
#include "lua/runtime_services.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

struct lua_State;

namespace orbita::kernel::lua {

/// Lives on the C++ stack of LuaRuntime::run for exactly one run; the sandbox state
/// points at it while the run lasts (see MemoryLimiter::run), so C functions called
/// from Lua, the hooks and the allocator all find the same run from any coroutine.
///
/// Effects and logs are kept outside the Lua heap, so they are bounded here rather than
/// by the memory cap: at most kMaxLogs lines of kMaxLogBytes each.
class RunState {
public:
    RunState(const RunContext& context, const RuntimeServices& services, const ScriptSource& main);

    /// The run of the sandbox `L` belongs to; nullptr between runs.
    static RunState* of(lua_State* L);

    const RunContext& context() const { return context_; }
    const RuntimeServices& services() const { return services_; }
    const ScriptSource& main() const { return main_; }
    RunResult& result() { return result_; }

    /// Appends a log line (truncated past the limits; never fails).
    void add_log(const std::string& level, std::string message, int line);
    /// Records what the script changed (see RunResult::effects).
    void add_effect(nlohmann::json effect);

    // Budgets (BudgetHook and MemoryLimiter).
    bool aborted() const { return abort_.has_value(); }
    const std::optional<RunError>& abort_error() const { return abort_; }
    /// Marks the run as aborted; only the first reason is kept.
    void abort(std::string message, std::string chunk = {}, int line = 0);
    /// Fills in where an abort happened when its cause could not tell (the allocator).
    void locate_abort(std::string chunk, int line);
    std::chrono::steady_clock::time_point deadline() const { return deadline_; }
    std::int64_t instructions = 0;

    /// With an EntryCall: the names of the functions of the table the chunk returned
    /// (a process's steps), for helpers that check step names.
    std::vector<std::string> entry_functions;
    /// The error message of a failed binding, raised once its C++ frames are gone.
    std::string parked_error;
    /// Registry references of per-run tables (record/args globals, loaded modules).
    int env_ref = -2;  // LUA_NOREF: the run's globals table (_ENV of its chunks)
    int globals_ref = -2;  ///< per-run names: record, args
    int modules_ref = -2;  ///< modules loaded by this run

    static constexpr std::size_t kMaxLogs = 1000;
    static constexpr std::size_t kMaxLogBytes = 4096;
    static constexpr std::size_t kMaxEffects = 10000;

private:
    const RunContext& context_;
    const RuntimeServices& services_;
    const ScriptSource& main_;
    RunResult result_;
    std::optional<RunError> abort_;
    std::chrono::steady_clock::time_point deadline_;
    bool logs_truncated_ = false;
};

}  // namespace orbita::kernel::lua
