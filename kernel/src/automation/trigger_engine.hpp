// SPDX-License-Identifier: Apache-2.0
// Fires triggers: from events (through jobs) and from incoming webhooks.
#pragma once

#include "automation/automation_options.hpp"
#include "automation/causation.hpp"
#include "automation/trigger_model.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "events/event_bus.hpp"

#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

namespace orbita::kernel::storage {
class Database;
}
namespace orbita::kernel::records {
class RecordRepository;
}
namespace orbita::kernel::jobs {
class JobQueue;
struct JobContext;
}  // namespace orbita::kernel::jobs
namespace orbita::kernel::audit {
class AuditLog;
}

namespace orbita::kernel::automation {

class RecordMover;
class RequestSchemas;
class RunAs;

/// Matches events against the enabled triggers and moves records.
///
/// `on_event` is an InTransaction subscriber (record.created, record.updated,
/// record.stage_changed and every plugin trigger source's pattern): for each trigger
/// the event fires it writes a job (kind automation.trigger) in the writing transaction,
/// carrying the causal chain, so a trigger never slows down or fails the change that
/// set it off, and fires exactly once if that change commits. The job (or an incoming
/// webhook, synchronously) calls `fire`: as the trigger's run-as user, a record in the
/// trigger's pipeline that is not yet in the target stage (nor past it, unless
/// allow_backward) is moved; every firing is written to trigger_runs. A chain longer
/// than automation.max_chain_depth is stopped with an error there and in the audit log.
///
/// The enabled triggers are cached; changes made through this node apply at once,
/// those made on another node within two seconds.
class TriggerEngine {
public:
    TriggerEngine(storage::Database& db, records::RecordRepository& records, RecordMover& mover, RunAs& run_as,
                  jobs::JobQueue& jobs, const RequestSchemas& schemas, audit::AuditLog& audit, const Clock& clock,
                  AutomationOptions options)
        : db_(db), records_(records), mover_(mover), run_as_(run_as), jobs_(jobs), schemas_(schemas), audit_(audit), clock_(clock),
          options_(options) {}

    /// `source`: the plugin trigger source the event came through, empty for kernel events.
    void on_event(const events::Event& event, const std::string& source);
    /// The job handler of automation.trigger.
    void run_job(jobs::JobContext& context);
    /// Fires `trigger` for a record now (in the caller's transaction, or its own) and
    /// records the run; `moved` receives the record after a move.
    TriggerRun fire(const Trigger& trigger, std::int64_t record_id, const std::string& event, const Causation& cause,
                    nlohmann::json* moved = nullptr);
    /// POST /api/v1/hooks/triggers/{id}, first step: the trigger, or 404 for an unknown or
    /// disabled webhook trigger and 401 for a missing or wrong secret (compared in
    /// constant time; refusals are audited without the secret).
    Trigger authorize(std::int64_t id, const std::string& secret);
    /// Second step, with the body {record_id}: fires the trigger now and answers
    /// {result, record_id, reason, record}; 422 for a bad body or a record that cannot be moved.
    nlohmann::json hook(const Trigger& trigger, const nlohmann::json& body);
    /// Forgets the cached triggers (after an administrator's change).
    void invalidate();

    static constexpr const char* kJobKind = "automation.trigger";

private:
    std::shared_ptr<const std::vector<Trigger>> enabled();
    /// The move itself, inside a savepoint; answers the result and fills `why`.
    std::string move_if_due(const Trigger& trigger, const Actor& actor, std::int64_t record_id, std::string& why, nlohmann::json* moved);

    storage::Database& db_;
    records::RecordRepository& records_;
    RecordMover& mover_;
    RunAs& run_as_;
    jobs::JobQueue& jobs_;
    const RequestSchemas& schemas_;
    audit::AuditLog& audit_;
    const Clock& clock_;
    AutomationOptions options_;

    std::mutex mutex_;
    std::shared_ptr<const std::vector<Trigger>> cached_;
    std::chrono::steady_clock::time_point loaded_{};
};

}  // namespace orbita::kernel::automation
