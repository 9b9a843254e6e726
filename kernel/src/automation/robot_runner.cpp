// SPDX-License-Identifier: Apache-2.0
#include "automation/robot_runner.hpp"

#include "audit/audit_log.hpp"
#include "automation/action_registry.hpp"
#include "automation/condition_evaluator.hpp"
#include "automation/error_text.hpp"
#include "automation/robot_store.hpp"
#include "automation/run_as.hpp"
#include "automation/stage_entries.hpp"
#include "automation/templates.hpp"
#include "jobs/job_handler_registry.hpp"
#include "records/record_repository.hpp"
#include "storage/database.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <map>

namespace orbita::kernel::automation {

namespace {

// Thrown to roll a dry run back.
struct RollBack {};


std::string label_of(const Robot& robot) { return "robot:" + std::to_string(robot.id); }

// What the run history keeps of effects: what happened, without whole records (a
// created record is its type and id there; a dry run answers it in full).
nlohmann::json for_history(nlohmann::json effects) {
    for (auto& e : effects) {
        if (e.is_object()) e.erase("record");
    }
    return effects;
}

}  // namespace

RobotOutcome RobotRunner::perform(const Robot& robot, const Actor& actor, std::int64_t record_id, bool dry_run,
                                  const std::string& run_key) {
    RobotOutcome out;
    const auto started = std::chrono::steady_clock::now();
    EffectSink sink;
    EffectSink::Scope sink_scope(sink);
    try {
        db_.with_savepoint([&](storage::Transaction& tx) {
            nlohmann::json record;
            try {
                record = records_.get(actor, robot.entity_type, record_id);
            } catch (const Problem& p) {
                throw std::runtime_error("run-as user '" + actor.login + "' cannot use " + robot.entity_type + " #" +
                                         std::to_string(record_id) + ": " + p.detail());
            }
            if (!record.value("archived_at", nlohmann::json()).is_null()) {
                out.state = "skipped";
                out.error = "the record is archived";
                return;
            }
            out.condition = conditions_.holds(robot.condition, actor, robot.entity_type, record_id, robot.params, label_of(robot), out.logs);
            if (!*out.condition) {
                out.state = "skipped";
                out.error = "the condition did not hold";
                return;
            }
            const auto action = actions_.find(robot.action);
            if (!action) throw std::runtime_error("action '" + robot.action + "' is not registered (is its plugin running?)");
            nlohmann::json input = robot.params;
            if (action->templated && Templates::has_templates(input)) {
                const nlohmann::json scope = {{"record", record}, {"now", format_utc(clock_.now())},
                                              {"actor", {{"id", actor.user_id}, {"login", actor.login}}}};
                input = Templates(scope, constants_).render(input);
                actions_.check(robot.action, input);  // the filled-in values (the rest was checked when saved)
            }
            ActionContext context{actor, robot.entity_type, record_id, record, tx, dry_run, sink, out.logs, run_key};
            const auto result = action->run(input, context);
            if (!result.is_null() && !(result.is_object() && result.empty()))
                out.logs.push_back({{"level", "info"}, {"message", robot.action + " answered " + result.dump()}});
            out.state = "done";
        });
    } catch (...) {
        out.state = "failed";
        out.error = current_error_text();
    }
    out.effects = sink.effects();
    out.duration_us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
    return out;
}

void RobotRunner::run_job(jobs::JobContext& context) {
    const auto cause = Causation::from_json(context.job.payload.value("causation", nlohmann::json()));
    auto& conn = context.tx->conn();
    auto runs = RobotStore::take_pending(conn, context.job.idempotency_key);
    std::vector<std::int64_t> ids;
    for (const auto& run : runs) ids.push_back(run.robot_id);
    std::map<std::int64_t, Robot> robots;
    for (auto& robot : RobotStore::find_many(conn, ids)) robots.emplace(robot.id, std::move(robot));
    for (auto& run : runs) {
        auto it = robots.find(run.robot_id);
        execute(std::move(run), it == robots.end() ? nullptr : &it->second, cause);
    }
}

void RobotRunner::execute(RobotRun run, const Robot* robot, const Causation& cause) {
    db_.write([&](storage::Transaction& tx) {
        auto& conn = tx.conn();
        const auto started_ms = jobs::to_millis(clock_.now());
        auto close = [&](std::string state, std::string error) {
            run.state = std::move(state);
            run.error = std::move(error);
            run.finished_at = started_ms;
            RobotStore::finish(conn, run);
        };
        if (!robot || !robot->enabled)
            return close("cancelled", robot ? "the robot was disabled before it ran" : "the robot was deleted before it ran");
        if (robot->cancel_on_leave && StageEntries::current(conn, run.entity_type, run.record_id) != run.entry_id)
            return close("cancelled", "the record left the stage before the robot ran");
        const auto chain = cause.next(label_of(*robot) + " " + run.entity_type + "#" + std::to_string(run.record_id));
        run.depth = chain.depth;
        if (chain.depth > options_.max_chain_depth) return stop_chain(*robot, run, chain);
        const auto actor = run_as_.actor(robot->run_as);
        if (!actor) return close("failed", "run-as user '" + run_as_.login_of(robot->run_as) + "' is inactive or archived");

        Causation::Scope in_chain(chain);
        auto outcome = perform(*robot, *actor, run.record_id, false, "robot-run:" + std::to_string(run.id));
        run.state = outcome.state;
        run.error = outcome.error;
        run.started_at = started_ms;
        run.finished_at = jobs::to_millis(clock_.now());
        run.duration_us = outcome.duration_us;
        // A failed run's writes were rolled back: its effects did not happen.
        run.effects = outcome.state == "failed" || outcome.effects.empty() ? nlohmann::json(nullptr) : for_history(std::move(outcome.effects));
        run.logs = outcome.logs.empty() ? nlohmann::json(nullptr) : outcome.logs;
        RobotStore::finish(conn, run);
        if (outcome.state == "failed")
            spdlog::warn("robot #{} ({}) on {} #{} failed: {}", robot->id, robot->name, run.entity_type, run.record_id, outcome.error);
    });
}

void RobotRunner::stop_chain(const Robot& robot, const RobotRun& stopped, const Causation& chain) {
    RobotRun run = stopped;
    run.state = "stopped";
    run.error = "stopped: " + std::to_string(chain.depth - 1) + " automated steps in a row reached automation.max_chain_depth (" +
                std::to_string(options_.max_chain_depth) + "); robots or triggers probably move the record back and forth: " +
                chain.describe();
    run.finished_at = jobs::to_millis(clock_.now());
    db_.write([&](storage::Transaction& tx) { RobotStore::finish(tx.conn(), run); });
    audit_.record(audit::AuditEvent{"automation.chain_stopped", 0, "system:robots", run.entity_type, run.record_id,
                                    {{"robot_id", robot.id}, {"run_id", run.id}, {"depth", chain.depth}, {"trail", chain.trail}}});
    spdlog::error("robot #{} on {} #{}: {}", robot.id, run.entity_type, run.record_id, run.error);
}

void RobotRunner::bury_job(const std::string& job_key, const std::string& error) {
    db_.write([&](storage::Transaction& tx) {
        RobotStore::fail_job(tx.conn(), job_key, "the robot job died: " + error, jobs::to_millis(clock_.now()));
    });
}

nlohmann::json RobotRunner::dry_run(const Robot& robot, std::int64_t record_id) {
    records_.get(Actor::system_actor("robots"), robot.entity_type, record_id);  // 404 for a record that does not exist
    const auto actor = run_as_.actor(robot.run_as);
    if (!actor)
        throw Problem::conflict("run-as-inactive", "run-as user '" + run_as_.login_of(robot.run_as) + "' is inactive or archived");
    RobotOutcome out;
    try {
        db_.write([&](storage::Transaction&) {
            Causation::Scope in_chain(Causation::current().next("dry run of " + label_of(robot)));
            out = perform(robot, *actor, record_id, true, "dry-run:" + label_of(robot));
            throw RollBack{};
        });
    } catch (const RollBack&) {
    }
    return {{"dry_run", true},
            {"robot_id", robot.id},
            {"record", {{"type", robot.entity_type}, {"id", record_id}}},
            {"run_as", actor->login},
            {"state", out.state},
            {"condition", out.condition ? nlohmann::json(*out.condition) : nlohmann::json(nullptr)},
            {"error", out.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(out.error)},
            {"logs", out.logs},
            {"effects", out.effects},
            {"duration_us", out.duration_us}};
}

}  // namespace orbita::kernel::automation
