// SPDX-License-Identifier: Apache-2.0
#include "automation/robot_scheduler.hpp"

#include "automation/causation.hpp"
#include "automation/delay_spec.hpp"
#include "automation/effect_sink.hpp"
#include "automation/robot_store.hpp"
#include "automation/stage_entries.hpp"
#include "calendar/calendar_store.hpp"
#include "entity/type_registry.hpp"
#include "jobs/job_queue.hpp"
#include "storage/database.hpp"

#include <map>

namespace orbita::kernel::automation {

namespace {

RobotRun run_of(const Robot& robot, std::int64_t entry_id, const events::Event& event, int depth) {
    RobotRun run;
    run.robot_id = robot.id;
    run.entry_id = entry_id;
    run.entity_type = event.entity_type;
    run.record_id = event.record_id;
    run.depth = depth;
    return run;
}

}  // namespace

void RobotScheduler::on_stage_changed(const events::Event& event) {
    const auto& payload = event.payload;
    const auto& current = payload["current"];
    const auto type = types_.find(event.entity_type);
    if (!type) return;
    const auto chain = Causation::from_json(payload.value("causation", nlohmann::json()));
    const auto now = clock_.now();
    const auto now_ms = jobs::to_millis(now);
    db_.write([&](storage::Transaction& tx) {
        auto& conn = tx.conn();
        const auto entered = StageEntries::enter(conn, event.entity_type, event.record_id, current["pipeline_id"].get<std::int64_t>(),
                                                 current["stage_id"].get<std::int64_t>(), now_ms, chain.depth);
        if (entered.previous_entry) {
            for (const auto& key : RobotStore::cancel_on_leave(conn, *entered.previous_entry, now_ms)) {
                if (RobotStore::pending_count(conn, key) == 0 && jobs_.cancel(tx, kJobKind, key))
                    EffectSink::report({{"kind", "job.cancelled"}, {"job", kJobKind}, {"key", key}});
            }
        }
        const auto robots = RobotStore::of_stage(conn, current["stage_id"].get<std::int64_t>(), true);
        if (robots.empty()) return;
        const auto calendar = calendar_.current();
        std::map<std::int64_t, std::vector<const Robot*>> by_due;
        for (const auto& robot : robots) {
            std::vector<FieldError> ignored;  // checked when the robot was saved
            const auto due = compute_due(DelaySpec::parse(robot.delay, *type, ignored), now, payload["record"], *calendar, time_zone_);
            if (due.at) {
                by_due[jobs::to_millis(*due.at)].push_back(&robot);
                continue;
            }
            RobotRun skipped = run_of(robot, entered.entry_id, event, chain.depth);
            skipped.state = "skipped";
            skipped.scheduled_at = now_ms;
            skipped.finished_at = now_ms;
            skipped.error = "not scheduled: " + due.problem;
            RobotStore::insert_run(conn, skipped);
        }
        for (const auto& [due_ms, group] : by_due) {
            const std::string key = "robots:" + std::to_string(entered.entry_id) + ":" + std::to_string(due_ms);
            nlohmann::json job_payload = {{"entry_id", entered.entry_id}, {"type", event.entity_type},
                                          {"record_id", event.record_id}, {"causation", chain.to_json()}};
            jobs_.schedule(tx, {kJobKind, job_payload, jobs::from_millis(due_ms), key});
            nlohmann::json ids = nlohmann::json::array();
            for (const auto* robot : group) {
                RobotRun run = run_of(*robot, entered.entry_id, event, chain.depth);
                run.job_key = key;
                run.scheduled_at = due_ms;
                RobotStore::insert_run(conn, run);
                ids.push_back(robot->id);
            }
            EffectSink::report({{"kind", "job.scheduled"}, {"job", kJobKind}, {"due", format_utc(jobs::from_millis(due_ms))},
                                {"robots", ids}, {"type", event.entity_type}, {"id", event.record_id}});
        }
    });
}

}  // namespace orbita::kernel::automation
