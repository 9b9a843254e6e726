// SPDX-License-Identifier: Apache-2.0
// Durable processes: starting, resuming on events, cancelling and retrying instances.
#pragma once

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "lua/run_context.hpp"
#include "processes/process_instance.hpp"
#include "processes/process_store.hpp"
#include "processes/step_runner.hpp"
#include "processes/step_scheduler.hpp"
#include "scripts/script_store.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace orbita::kernel::storage {
class Database;
class Transaction;
}
namespace orbita::kernel::events {
class EventBus;
struct Event;
}
namespace orbita::kernel::jobs {
class JobQueue;
class JobHandlerRegistry;
}
namespace orbita::kernel::records {
class RecordRepository;
}

namespace orbita::kernel::processes {

/// What starting an instance needs. The process is a stored script of kind
/// `process` (enabled); its first step is `start`.
struct StartRequest {
    std::string process;
    std::optional<lua::RecordRef> record;
    nlohmann::json vars = nlohmann::json::object();
    Actor run_as;             ///< a user, or a system actor
    std::string started_by;   ///< "admin:anna", "robot:7", "process:3"
};

/// The durable process engine (architecture §2.7). A process is a Lua module of named
/// steps (see StepApi for what a step returns); an instance stores its step, its
/// variables (p.vars), its record and run-as user, what it waits for, and its history.
///
/// - A step runs as a job (`process.step`, StepRunner): its effects, the next state
///   and the next wake-up job commit together.
/// - Events resume waiting instances: an in-transaction subscriber finds those whose
///   wait matches (indexed by event name and record), and in the event's own
///   transaction makes them running and schedules their step; the timeout job of the
///   wait then finds a newer seq and does nothing (it is also cancelled).
/// - Instances run the script version they started with; `retry` moves a failed one to
///   the newest version (the usual reason to retry is a fixed script).
class ProcessEngine {
public:
    ProcessEngine(storage::Database& db, records::RecordRepository& records, scripts::ScriptStore& scripts,
                  StepRunner& runner, StepScheduler& scheduler, const Clock& clock);

    /// Registers the step job kind and the event subscriber.
    void attach(jobs::JobHandlerRegistry& handlers, events::EventBus& events);

    /// Starts an instance within `tx` (the first step runs as a job once `tx`
    /// commits). Problem 422 for an unknown or disabled process or vars that are not an
    /// object, 404 when the record is not visible to the run-as user.
    ProcessInstance start(storage::Transaction& tx, const StartRequest& request);
    ProcessInstance start(const StartRequest& request);
    /// Checks `request` as `start` would, without writing anything (dry runs);
    /// answers the process script.
    scripts::StoredScript check(const StartRequest& request);
    /// Cancels a running, waiting or failed instance (its pending wake-up job too);
    /// 409 when it has ended, 404 when there is none.
    ProcessInstance cancel(std::int64_t id, const Actor& by);
    /// Runs the failed step of a failed instance again, with the newest script version;
    /// 409 when it is not failed.
    ProcessInstance retry(std::int64_t id, const Actor& by);
    /// The instance with its history (404 when there is none).
    nlohmann::json inspect(std::int64_t id);
    nlohmann::json list(const InstanceFilter& filter);
    /// A dry run of `step` for a draft instance of `request` (nothing is kept).
    lua::RunResult dry_run(const StartRequest& request, const std::string& step, const nlohmann::json& event);

    /// The in-transaction event subscriber.
    void on_event(const events::Event& event);

private:
    /// The process script by name: Problem 422 when unknown, not a process or disabled.
    scripts::StoredScript process_script(const std::string& name);
    ProcessInstance require(storage::Connection& conn, std::int64_t id);

    storage::Database& db_;
    records::RecordRepository& records_;
    scripts::ScriptStore& scripts_;
    StepRunner& runner_;
    StepScheduler& scheduler_;
    const Clock& clock_;
};

}  // namespace orbita::kernel::processes
