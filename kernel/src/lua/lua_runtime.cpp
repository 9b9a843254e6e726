// SPDX-License-Identifier: Apache-2.0
#include "lua/lua_runtime.hpp"

#include "lua/binding.hpp"
#include "lua/run_state.hpp"
#include "lua/sandbox_state.hpp"
#include "records/record_repository.hpp"
#include "storage/database.hpp"

#include <stdexcept>

namespace orbita::kernel::lua {

namespace {

// Thrown inside the transaction to roll it back after a failed run or a dry run.
struct RollBack {};

RunError source_too_large(const ScriptSource& script) {
    return {ErrorKind::Compile, script.id, script.chunk, 0,
            "the script is larger than " + std::to_string(LuaRuntime::kMaxSourceBytes / 1024) + " KiB"};
}

}  // namespace

LuaRuntime::LuaRuntime(storage::Database& db, RuntimeServices services, Budgets defaults)
    : db_(db), services_(std::move(services)), defaults_(defaults) {
    services_.extensions = &extensions_;
}

LuaRuntime::~LuaRuntime() = default;

std::unique_ptr<SandboxState> LuaRuntime::acquire() {
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto state = std::move(idle_.back());
            idle_.pop_back();
            return state;
        }
    }
    return std::make_unique<SandboxState>();
}

void LuaRuntime::release(std::unique_ptr<SandboxState> state) {
    if (!state->reusable()) return;
    std::lock_guard lock(mutex_);
    if (idle_.size() < kMaxIdleStates) idle_.push_back(std::move(state));
}

void LuaRuntime::execute(SandboxState& sandbox, RunState& run, const ScriptSource& script, const RunContext& context) {
    nlohmann::json record = nullptr;
    if (context.record) {
        try {
            record = services_.records.get(context.actor, context.record->type, context.record->id);
        } catch (...) {
            run.result().error = RunError{ErrorKind::Runtime, script.id, script.chunk, 0,
                                          "record " + context.record->type + " #" + std::to_string(context.record->id) +
                                              ": " + describe_current_exception()};
            return;
        }
    }
    sandbox.execute(run, script, record, context.args);
}

RunResult LuaRuntime::run(const ScriptSource& script, const RunContext& context) {
    if (db_.in_write()) {
        throw std::logic_error("LuaRuntime::run called inside a write transaction: a run owns its transaction "
                               "(use RunContext::before_commit to commit with it, or run_nested)");
    }
    return run_in(script, context, [this](const std::function<void(storage::Transaction&)>& body) { db_.write(body); });
}

RunResult LuaRuntime::run_nested(const ScriptSource& script, const RunContext& context) {
    if (!db_.in_write()) throw std::logic_error("LuaRuntime::run_nested needs a write transaction on this thread");
    return run_in(script, context,
                  [this](const std::function<void(storage::Transaction&)>& body) { db_.with_savepoint(body); });
}

RunResult LuaRuntime::run_in(const ScriptSource& script, const RunContext& context, const Scope& scope) {
    const auto started = std::chrono::steady_clock::now();
    RunState run(context, services_, script);
    if (script.code.size() > kMaxSourceBytes) {
        run.result().error = source_too_large(script);
        return std::move(run.result());
    }
    auto sandbox = acquire();
    try {
        scope([&](storage::Transaction& tx) {
            execute(*sandbox, run, script, context);
            if (!run.result().ok || context.dry_run) throw RollBack{};
            if (context.before_commit) context.before_commit(tx, run.result());
        });
        run.result().committed = true;
    } catch (const RollBack&) {
    } catch (...) {
        // The commit, or the caller's before_commit, failed: nothing of the run stays.
        run.result().ok = false;
        run.result().error = RunError{ErrorKind::Runtime, script.id, script.chunk, 0, describe_current_exception()};
    }
    release(std::move(sandbox));
    auto& result = run.result();
    result.duration_us =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
    return std::move(result);
}

std::optional<RunError> LuaRuntime::check(const ScriptSource& script) {
    if (script.code.size() > kMaxSourceBytes) return source_too_large(script);
    auto sandbox = acquire();
    auto error = sandbox->check(script);
    release(std::move(sandbox));
    return error;
}

}  // namespace orbita::kernel::lua
