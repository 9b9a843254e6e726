// SPDX-License-Identifier: Apache-2.0
#include "automation/robot_scheduler.hpp"

#include "automation/causation.hpp"
#include "automation/delay_spec.hpp"
#include "automation/effect_sink.hpp"
#include "automation/robot_store.hpp"
#include "automation/stage_entries.hpp"
#include "calendar/calendar_store.hpp"
#include "core/thread_context.hpp"
#include "entity/type_registry.hpp"
#include "jobs/job_queue.hpp"
#include "storage/database.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace orbita::kernel::automation {

namespace {

// The robot jobs opened by the write transaction running on this thread, by due time
// and causal chain: a bulk move of a hundred records makes one job per due time, not a
// hundred, which is most of the cost of running their robots (one commit per job).
struct OpenJobs {
    const storage::Transaction* tx = nullptr;
    std::map<std::pair<std::int64_t, std::string>, std::string> keys;
};
thread_local OpenJobs t_open;

// The transaction's work runs on the database writer thread, and its after_end hook
// (which clears t_open) on the caller's: the writer's copy is scoped to each piece of
// work instead, so no stale entry can outlive its transaction there.
[[maybe_unused]] const bool kCarried = core::ThreadContext::add_carrier([] {
    return core::ThreadContext::Install([open = t_open] {
        return core::ThreadContext::Undo(
            [previous = std::exchange(t_open, open)]() mutable { t_open = std::move(previous); });
    });
});

OpenJobs& open_jobs(storage::Transaction& tx) {
    if (t_open.tx != &tx) {
        t_open = OpenJobs{&tx, {}};
        tx.after_end([] { t_open = OpenJobs{}; });
    }
    return t_open;
}

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
    const auto cause = payload.value("causation", nlohmann::json::object());
    const auto chain = Causation::from_json(cause);
    const auto now = clock_.now();
    const auto now_ms = jobs::to_millis(now);
    db_.write([&](storage::Transaction& tx) {
        auto& conn = tx.conn();
        const auto entered = StageEntries::enter(conn, event.entity_type, event.record_id, current["pipeline_id"].get<std::int64_t>(),
                                                 current["stage_id"].get<std::int64_t>(), now_ms, chain.depth);
        auto& open = open_jobs(tx);
        if (entered.previous_entry) {
            for (const auto& key : RobotStore::cancel_on_leave(conn, *entered.previous_entry, now_ms)) {
                if (RobotStore::pending_count(conn, key) > 0 || !jobs_.cancel(tx, kJobKind, key)) continue;
                std::erase_if(open.keys, [&](const auto& entry) { return entry.second == key; });  // a cancelled job takes no more runs
                EffectSink::report({{"kind", "job.cancelled"}, {"job", kJobKind}, {"key", key}});
            }
        }
        const auto robots = RobotStore::of_stage(conn, current["stage_id"].get<std::int64_t>(), true);
        if (robots.empty()) return;
        const auto calendar = calendar_.current();
        std::vector<RobotRun> runs;
        std::map<std::string, std::pair<std::int64_t, nlohmann::json>> scheduled;  // job key -> due, robot ids
        for (const auto& robot : robots) {
            std::vector<FieldError> ignored;  // checked when the robot was saved
            const auto due = compute_due(DelaySpec::parse(robot.delay, *type, ignored), now, payload["record"], *calendar, time_zone_);
            auto run = run_of(robot, entered.entry_id, event, chain.depth);
            if (!due.at) {
                run.state = "skipped";
                run.scheduled_at = run.finished_at.emplace(now_ms);
                run.error = "not scheduled: " + due.problem;
                runs.push_back(std::move(run));
                continue;
            }
            run.scheduled_at = jobs::to_millis(*due.at);
            auto [it, fresh] = open.keys.try_emplace({run.scheduled_at, cause.dump()}, std::string());
            if (fresh) it->second = "robots:" + std::to_string(entered.entry_id) + ":" + std::to_string(run.scheduled_at);
            run.job_key = it->second;
            auto& slot = scheduled[run.job_key];
            slot.first = run.scheduled_at;
            slot.second.push_back(robot.id);
            runs.push_back(std::move(run));
        }
        for (const auto& [key, due_and_robots] : scheduled) {
            // Idempotent per key: the job exists once even when several entries share it,
            // and comes back if a savepoint that wrote it was rolled back.
            jobs_.schedule(tx, {kJobKind, {{"causation", cause}}, jobs::from_millis(due_and_robots.first), key});
            EffectSink::report({{"kind", "job.scheduled"}, {"job", kJobKind}, {"due", format_utc(jobs::from_millis(due_and_robots.first))},
                                {"robots", due_and_robots.second}, {"type", event.entity_type}, {"id", event.record_id}});
        }
        RobotStore::insert_runs(conn, runs);
    });
}

}  // namespace orbita::kernel::automation
