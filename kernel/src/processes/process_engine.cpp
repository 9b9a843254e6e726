// SPDX-License-Identifier: Apache-2.0
#include "processes/process_engine.hpp"

#include "core/problem.hpp"
#include "events/event_bus.hpp"
#include "jobs/job_handler_registry.hpp"
#include "processes/event_filter.hpp"
#include "records/record_repository.hpp"
#include "storage/database.hpp"

namespace orbita::kernel::processes {

namespace {

constexpr int kHistoryLimit = 500;

std::string run_as_name(const Actor& actor) { return actor.login; }

}  // namespace

ProcessEngine::ProcessEngine(storage::Database& db, records::RecordRepository& records, scripts::ScriptStore& scripts,
                             StepRunner& runner, StepScheduler& scheduler, const Clock& clock)
    : db_(db), records_(records), scripts_(scripts), runner_(runner), scheduler_(scheduler), clock_(clock) {}

void ProcessEngine::attach(jobs::JobHandlerRegistry& handlers, events::EventBus& events) {
    jobs::JobHandler handler;
    handler.run = [this](jobs::JobContext& ctx) {
        runner_.run(ctx.job.payload.value("instance", std::int64_t{0}), ctx.job.payload.value("seq", std::int64_t{0}));
    };
    // A step is a Lua run, which owns its transaction; exactly-once comes from the
    // instance's seq, checked in that transaction (StepRunner).
    handler.transactional = false;
    handlers.add(StepScheduler::kJobKind, std::move(handler));
    events.subscribe("*", [this](const events::Event& e) { on_event(e); }, events::Phase::InTransaction);
}

scripts::StoredScript ProcessEngine::process_script(const std::string& name) {
    auto script = scripts_.find_by_name(name);
    if (!script || script->kind != "process") {
        throw Problem::validation({{"process", "unknown_process", "there is no process script '" + name + "'"}});
    }
    if (!script->enabled) throw Problem::validation({{"process", "disabled", "process script '" + name + "' is disabled"}});
    return *script;
}

scripts::StoredScript ProcessEngine::check(const StartRequest& request) {
    auto script = process_script(request.process);
    if (!request.vars.is_object()) throw Problem::validation({{"vars", "invalid_type", "vars must be an object"}});
    // The run-as user must see the record: every step reads it with their rights.
    if (request.record) records_.get(request.run_as, request.record->type, request.record->id);
    return script;
}

ProcessInstance ProcessEngine::start(storage::Transaction& tx, const StartRequest& request) {
    const auto script = check(request);
    ProcessInstance p;
    p.process = script.name;
    p.script_id = script.id;
    p.script_version = script.version;
    p.status = status::kRunning;
    p.step = "start";
    p.vars = request.vars;
    p.record = request.record;
    p.run_as_id = request.run_as.system ? 0 : request.run_as.user_id;
    p.run_as = run_as_name(request.run_as);
    p.wake = {{"cause", "start"}};
    p.started_by = request.started_by;
    p.created_at = p.updated_at = clock_.now();
    p.id = ProcessStore::insert(tx.conn(), p);
    scheduler_.schedule(tx, p.id, p.seq, p.created_at);
    ProcessStore::add_step(tx.conn(), {p.id, p.seq, "start", "started", {{"by", p.started_by}, {"version", p.script_version}},
                                       p.created_at, 0});
    return *ProcessStore::get(tx.conn(), p.id);
}

ProcessInstance ProcessEngine::start(const StartRequest& request) {
    return db_.write([&](storage::Transaction& tx) { return start(tx, request); });
}

ProcessInstance ProcessEngine::require(storage::Connection& conn, std::int64_t id) {
    auto found = ProcessStore::get(conn, id);
    if (!found) throw Problem::not_found("process instance #" + std::to_string(id) + " does not exist");
    return *found;
}

ProcessInstance ProcessEngine::cancel(std::int64_t id, const Actor& by) {
    return db_.write([&](storage::Transaction& tx) {
        const auto before = require(tx.conn(), id);
        if (before.ended()) {
            throw Problem::conflict("process-ended", "process instance #" + std::to_string(id) + " is already " + before.status);
        }
        ProcessInstance next = before;
        next.seq = before.seq + 1;
        next.status = status::kCancelled;
        next.clear_wait();
        next.updated_at = next.finished_at.emplace(clock_.now());
        // A step running right now finds the new seq when it commits and is rolled back.
        if (!ProcessStore::update(tx.conn(), next, before.seq, before.status))
            throw Problem::conflict("process-changed", "process instance #" + std::to_string(id) + " changed meanwhile; try again");
        scheduler_.cancel(tx, id, before.seq);
        ProcessStore::add_step(tx.conn(), {id, next.seq, before.step, "cancelled", {{"by", by.login}}, next.updated_at, 0});
        return next;
    });
}

ProcessInstance ProcessEngine::retry(std::int64_t id, const Actor& by) {
    return db_.write([&](storage::Transaction& tx) {
        const auto before = require(tx.conn(), id);
        if (before.status != status::kFailed) {
            throw Problem::conflict("process-not-failed",
                                    "process instance #" + std::to_string(id) + " is " + before.status + ", not failed");
        }
        auto script = scripts_.find(before.script_id);
        if (!script) throw Problem::conflict("process-script-gone", "the script of process '" + before.process + "' was removed");
        ProcessInstance next = before;
        next.seq = before.seq + 1;
        next.status = status::kRunning;
        next.script_version = script->version;
        next.error = nullptr;
        next.chain = 0;
        next.updated_at = clock_.now();
        if (!ProcessStore::update(tx.conn(), next, before.seq, before.status))
            throw Problem::conflict("process-changed", "process instance #" + std::to_string(id) + " changed meanwhile; try again");
        scheduler_.schedule(tx, id, next.seq, next.updated_at);
        ProcessStore::add_step(tx.conn(), {id, next.seq, next.step, "retried", {{"by", by.login}, {"version", next.script_version}},
                                           next.updated_at, 0});
        return next;
    });
}

void ProcessEngine::on_event(const events::Event& event) {
    // Inside the transaction that raised the event (the usual case) both the read and
    // the write join it, so a resume commits with its cause; an event raised outside
    // any transaction opens a write only when some instance matches.
    auto waiting = db_.read([&](storage::Connection& conn) {
        return ProcessStore::waiting_for(conn, event.name, EventFilter::keys_of(event));
    });
    std::erase_if(waiting, [&](const ProcessInstance& p) { return !EventFilter::matches(p.wait_filter, event); });
    if (waiting.empty()) return;
    db_.write([&](storage::Transaction& tx) {
        for (const auto& instance : waiting) {
            ProcessInstance next = instance;
            next.seq = instance.seq + 1;
            next.status = status::kRunning;
            next.wake = {{"cause", "event"}, {"event", EventFilter::describe(event)}};
            next.clear_wait();
            next.updated_at = clock_.now();
            if (!ProcessStore::update(tx.conn(), next, instance.seq, status::kWaiting)) continue;
            scheduler_.cancel(tx, next.id, instance.seq);
            scheduler_.schedule(tx, next.id, next.seq, next.updated_at);
            ProcessStore::add_step(tx.conn(), {next.id, next.seq, next.step, "resumed", {{"event", event.name}}, next.updated_at, 0});
        }
    });
}

nlohmann::json ProcessEngine::inspect(std::int64_t id) {
    return db_.read([&](storage::Connection& conn) {
        auto j = require(conn, id).to_json();
        j["history"] = ProcessStore::steps(conn, id, kHistoryLimit);
        return j;
    });
}

nlohmann::json ProcessEngine::list(const InstanceFilter& filter) {
    return db_.read([&](storage::Connection& conn) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& p : ProcessStore::list(conn, filter)) items.push_back(p.to_json());
        return items;
    });
}

lua::RunResult ProcessEngine::dry_run(const StartRequest& request, const std::string& step, const nlohmann::json& event) {
    const auto script = check(request);
    ProcessInstance draft;
    draft.process = script.name;
    draft.script_id = script.id;
    draft.script_version = script.version;
    draft.vars = request.vars;
    draft.record = request.record;
    draft.run_as_id = request.run_as.system ? 0 : request.run_as.user_id;
    draft.run_as = run_as_name(request.run_as);
    nlohmann::json wake = {{"cause", event.is_null() ? "start" : "event"}};
    if (!event.is_null()) wake["event"] = event;
    return runner_.dry_run(draft, script.source, step, wake);
}

}  // namespace orbita::kernel::processes
