// SPDX-License-Identifier: Apache-2.0
// The entry point for running Lua: robots, conditions, processes, dry runs, the CLI.
#pragma once

#include "lua/lua_extensions.hpp"
#include "lua/run_context.hpp"
#include "lua/run_result.hpp"
#include "lua/runtime_services.hpp"

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace orbita::kernel::storage {
class Database;
class Transaction;
}

namespace orbita::kernel::lua {

class SandboxState;
class RunState;

/// Runs scripts in the sandbox (anchors note §7 items 19-21):
///
///   LuaRuntime::run(script, RunContext{actor, budgets, record, args, dry_run})
///     -> RunResult{ok, value, logs, effects, error{kind, script_id, chunk, line, message}}
///
/// Each run is one write transaction on the kernel database, opened here: it commits
/// only when the script finished without error and the run is not a dry run, so a
/// script that writes and then fails (or is aborted by a budget) leaves nothing
/// behind, and its events and outbox rows vanish with it. Script failures are part of
/// the result, never exceptions; `run` throws only for misuse (called inside a write
/// transaction) and database failures outside the script.
///
/// Prepared sandbox states are pooled and reused with fresh globals per run, which
/// keeps a no-op run in the tens of microseconds (scripts/bench-lua.sh).
class LuaRuntime {
public:
    LuaRuntime(storage::Database& db, RuntimeServices services, Budgets defaults);
    ~LuaRuntime();
    LuaRuntime(const LuaRuntime&) = delete;
    LuaRuntime& operator=(const LuaRuntime&) = delete;

    /// Runs `script` as described by `context`.
    RunResult run(const ScriptSource& script, const RunContext& context);
    /// Runs `script` inside the caller's write transaction (a robot's job, a dry run of a
    /// robot), in a savepoint of it: a failed run or a dry run rolls back to the savepoint
    /// and the caller's transaction goes on; a successful one becomes part of it and
    /// commits with it (`committed` then means "kept"). Throws std::logic_error outside a
    /// write transaction.
    RunResult run_nested(const ScriptSource& script, const RunContext& context);
    /// Compiles `script` without running it; the compile error or nullopt.
    std::optional<RunError> check(const ScriptSource& script);

    /// The budgets from the configuration (section `lua`).
    const Budgets& default_budgets() const { return defaults_; }
    /// Where other kernel parts plug in orbita.calendar, orbita.notify and orbita.outbox.
    LuaExtensions& extensions() { return extensions_; }

    /// Largest script source accepted (bytes): compiling happens outside the heap cap.
    static constexpr std::size_t kMaxSourceBytes = 256 * 1024;
    /// Idle prepared states kept for reuse.
    static constexpr std::size_t kMaxIdleStates = 16;

private:
    /// Runs its argument in a transaction or a savepoint.
    using Scope = std::function<void(const std::function<void(storage::Transaction&)>&)>;
    RunResult run_in(const ScriptSource& script, const RunContext& context, const Scope& scope);
    std::unique_ptr<SandboxState> acquire();
    void release(std::unique_ptr<SandboxState> state);
    void execute(SandboxState& sandbox, RunState& run, const ScriptSource& script, const RunContext& context);

    storage::Database& db_;
    LuaExtensions extensions_;
    RuntimeServices services_;
    Budgets defaults_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<SandboxState>> idle_;
};

}  // namespace orbita::kernel::lua
