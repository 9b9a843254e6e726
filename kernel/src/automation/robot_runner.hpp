// SPDX-License-Identifier: Apache-2.0
// Runs robots: the job handler of automation.robots, and dry runs.
#pragma once

#include "automation/automation_options.hpp"
#include "automation/causation.hpp"
#include "automation/robot_model.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>

namespace orbita::kernel::storage {
class Database;
}
namespace orbita::kernel::records {
class RecordRepository;
}
namespace orbita::kernel::audit {
class AuditLog;
}
namespace orbita::kernel::jobs {
struct JobContext;
}

namespace orbita::kernel::automation {

class ActionRegistry;
class ConditionEvaluator;
class RunAs;
class EffectSink;

/// What one robot did for one record.
struct RobotOutcome {
    std::string state;   ///< done, skipped, failed (see RobotRun)
    std::string error;
    std::optional<bool> condition;  ///< whether the condition held (unset when it did not get that far)
    nlohmann::json logs = nlohmann::json::array();
    nlohmann::json effects = nlohmann::json::array();
    std::int64_t duration_us = 0;
};

/// Executes robots. A job of kind automation.robots runs in the transaction that marks
/// it done (a transactional job handler): for each pending run it holds, the robot is
/// checked again (still exists and enabled; the record still in the stage when the
/// robot cancels on leave; the causal chain within automation.max_chain_depth), then
/// its condition and action run as its run-as user in a savepoint, and the run's
/// outcome is written in the same transaction. A run therefore takes effect exactly
/// once: a job that dies half way rolls everything back and runs again, finding its
/// runs still pending; a job that committed finds them finished and does nothing.
/// A failing robot rolls back to its savepoint only: the other robots of the job and
/// the record of its failure stay.
class RobotRunner {
public:
    using ConstantLookup = std::function<std::optional<nlohmann::json>(const std::string& name)>;

    RobotRunner(storage::Database& db, records::RecordRepository& records, ActionRegistry& actions,
                ConditionEvaluator& conditions, RunAs& run_as, audit::AuditLog& audit, const Clock& clock,
                AutomationOptions options, ConstantLookup constants)
        : db_(db), records_(records), actions_(actions), conditions_(conditions), run_as_(run_as), audit_(audit), clock_(clock),
          options_(options), constants_(std::move(constants)) {}

    /// The job handler (inside the job's transaction).
    void run_job(jobs::JobContext& context);
    /// Marks the runs of a dead job failed (its on_dead hook).
    void bury_job(const std::string& job_key, const std::string& error);

    /// Runs `robot` against a record in a transaction that is rolled back: condition and
    /// action as its run-as user; answers what it would have done.
    nlohmann::json dry_run(const Robot& robot, std::int64_t record_id);

private:
    /// Condition and action of `robot` as `actor`, in a savepoint (rolled back on failure).
    RobotOutcome perform(const Robot& robot, const Actor& actor, std::int64_t record_id, bool dry_run, const std::string& run_key);
    /// One run of the job; `robot` is null when it was deleted meanwhile.
    void execute(RobotRun run, const Robot* robot, const Causation& cause);
    void stop_chain(const Robot& robot, const RobotRun& run, const Causation& chain);

    storage::Database& db_;
    records::RecordRepository& records_;
    ActionRegistry& actions_;
    ConditionEvaluator& conditions_;
    RunAs& run_as_;
    audit::AuditLog& audit_;
    const Clock& clock_;
    AutomationOptions options_;
    ConstantLookup constants_;
};

}  // namespace orbita::kernel::automation
