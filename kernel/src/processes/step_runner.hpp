// SPDX-License-Identifier: Apache-2.0
// Runs one step of a durable process: the body of the process.step job.
#pragma once

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "lua/run_result.hpp"
#include "processes/process_instance.hpp"

#include <nlohmann/json.hpp>

namespace orbita::kernel::storage {
class Database;
}
namespace orbita::kernel::lua {
class LuaRuntime;
}
namespace orbita::kernel::scripts {
class ScriptStore;
}
namespace orbita::kernel::auth {
class UserDirectory;
}

namespace orbita::kernel::processes {

class StepScheduler;

/// Runs the step an instance is due for, as one Lua run: the step function of the
/// version the instance runs, as its run-as user, against its record. The step's
/// effects (record writes, notifications, outbox messages) and the instance's next
/// state, its history line and its next wake-up job commit in one transaction
/// (RunContext::before_commit), and only if the instance still has the seq the job
/// named: so a step takes effect exactly once, even when a timeout and an event race,
/// an administrator cancels meanwhile, or two nodes run the same job after a lease
/// expired. A failing step rolls all of that back and leaves the instance failed,
/// with the error (script id, chunk, line, message) and the step to retry.
class StepRunner {
public:
    StepRunner(storage::Database& db, lua::LuaRuntime& lua, scripts::ScriptStore& scripts, auth::UserDirectory& users,
               StepScheduler& scheduler, const Clock& clock)
        : db_(db), lua_(lua), scripts_(scripts), users_(users), scheduler_(scheduler), clock_(clock) {}

    /// The process.step job: runs the step of instance `id` if it still has `seq`.
    void run(std::int64_t id, std::int64_t seq);
    /// Runs `step` of `draft` (not stored) in a rolled-back transaction: logs, effects,
    /// the directive it returned (value) and the variables it left (entry_state.vars).
    lua::RunResult dry_run(const ProcessInstance& draft, const std::string& source, const std::string& step,
                           const nlohmann::json& wake);
    /// The actor an instance runs as (Problem 422 when that user is no longer active).
    Actor actor_of(const ProcessInstance& instance);

    /// Steps in a row without a wait before a loop of p.go is stopped.
    static constexpr int kMaxChain = 100;

private:
    /// The step due and what woke it: {"cause": start|go|time|event|timeout, "event"?}
    /// (p.event, p.timed_out; the cause goes to the history).
    struct Plan {
        std::string step;
        nlohmann::json wake;
    };
    static Plan plan(const ProcessInstance& instance);
    lua::EntryCall entry(const ProcessInstance& instance, const Plan& plan) const;
    void apply(storage::Transaction& tx, const ProcessInstance& before, const Plan& plan, const lua::RunResult& result,
               std::chrono::steady_clock::time_point started, bool& superseded);
    void fail(const ProcessInstance& before, const Plan& plan, nlohmann::json error, std::chrono::steady_clock::time_point started);

    storage::Database& db_;
    lua::LuaRuntime& lua_;
    scripts::ScriptStore& scripts_;
    auth::UserDirectory& users_;
    StepScheduler& scheduler_;
    const Clock& clock_;
};

}  // namespace orbita::kernel::processes
