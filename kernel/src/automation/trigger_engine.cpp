// SPDX-License-Identifier: Apache-2.0
#include "automation/trigger_engine.hpp"

#include "audit/audit_log.hpp"
#include "auth/tokens.hpp"
#include "automation/error_text.hpp"
#include "automation/pipeline_store.hpp"
#include "automation/record_mover.hpp"
#include "automation/request_schemas.hpp"
#include "automation/run_as.hpp"
#include "automation/trigger_rules.hpp"
#include "automation/trigger_store.hpp"
#include "core/problem.hpp"
#include "jobs/job_handler_registry.hpp"
#include "jobs/job_queue.hpp"
#include "records/record_repository.hpp"
#include "storage/database.hpp"

#include <spdlog/spdlog.h>

namespace orbita::kernel::automation {

namespace {

constexpr auto kCacheFor = std::chrono::seconds(2);


std::optional<StageKind> stage_kind(storage::Connection& conn, std::int64_t stage_id) {
    auto row = conn.query_one(storage::SqlFragment("SELECT kind FROM stages WHERE id = ").bind(stage_id), {storage::ReadKind::Text});
    if (!row) return std::nullopt;
    return parse_stage_kind(*storage::as_text((*row)[0]));
}

}  // namespace

std::shared_ptr<const std::vector<Trigger>> TriggerEngine::enabled() {
    {
        std::lock_guard lock(mutex_);
        if (cached_ && std::chrono::steady_clock::now() - loaded_ < kCacheFor) return cached_;
    }
    auto fresh = std::make_shared<const std::vector<Trigger>>(db_.read([](storage::Connection& c) { return TriggerStore::enabled(c); }));
    std::lock_guard lock(mutex_);
    cached_ = fresh;
    loaded_ = std::chrono::steady_clock::now();
    return fresh;
}

void TriggerEngine::invalidate() {
    std::lock_guard lock(mutex_);
    cached_.reset();
}

void TriggerEngine::on_event(const events::Event& event, const std::string& source) {
    const auto triggers = enabled();
    if (triggers->empty()) return;
    db_.write([&](storage::Transaction& tx) {
        const auto kind_of = [&](std::int64_t stage_id) { return stage_kind(tx.conn(), stage_id); };
        for (const auto& t : *triggers) {
            if (t.kind == "webhook") continue;
            const auto target = TriggerRules::match(t, event, source, kind_of);
            if (!target) continue;
            nlohmann::json payload = {{"trigger_id", t.id}, {"record_id", *target}, {"event", event.name},
                                      {"causation", Causation::current().to_json()}};
            jobs_.schedule(tx, {kJobKind, payload});
        }
    });
}

void TriggerEngine::run_job(jobs::JobContext& context) {
    const auto& p = context.job.payload;
    auto trigger = TriggerStore::find(context.tx->conn(), p.value("trigger_id", std::int64_t{0}));
    if (!trigger || !trigger->enabled) return;  // deleted or disabled since: nothing to do
    fire(*trigger, p.value("record_id", std::int64_t{0}), p.value("event", std::string("event")),
         Causation::from_json(p.value("causation", nlohmann::json())));
}

std::string TriggerEngine::move_if_due(const Trigger& t, const Actor& actor, std::int64_t record_id, std::string& why,
                                       nlohmann::json* moved) {
    std::string result = "moved";
    db_.with_savepoint([&](storage::Transaction& tx) {
        nlohmann::json record;
        try {
            record = records_.get(actor, t.entity_type, record_id);
        } catch (const Problem& p) {
            throw std::runtime_error("run-as user '" + actor.login + "' cannot use " + t.entity_type + " #" +
                                     std::to_string(record_id) + ": " + p.detail());
        }
        auto pipeline = PipelineStore::find(tx.conn(), t.pipeline_id);
        const Stage* target = pipeline ? pipeline->stage_by_id(t.stage_id) : nullptr;
        if (!target) throw std::runtime_error("the trigger's stage no longer exists");
        const auto at = mover_.position_of(t.entity_type, record);
        const auto stage_now = at["stage"].is_string() ? at["stage"].get<std::string>() : std::string();
        if (at["pipeline"].is_string() && at["pipeline"] != pipeline->key) {
            result = "skipped";
            why = "the record is in pipeline '" + at["pipeline"].get<std::string>() + "', the trigger moves records of '" + pipeline->key + "'";
        } else if (stage_now == target->key) {
            result = "skipped";
            why = "the record is in stage '" + target->key + "' already";
        } else if (const auto* current = pipeline->stage(stage_now); current && current->position > target->position && !t.allow_backward) {
            result = "skipped";
            why = "the record is past stage '" + target->key + "' (in '" + stage_now + "') and the trigger moves forward only";
        } else {
            auto done = mover_.move(actor, t.entity_type, record_id, target->key, std::nullopt);
            if (moved) *moved = std::move(done.record);
        }
    });
    return result;
}

TriggerRun TriggerEngine::fire(const Trigger& t, std::int64_t record_id, const std::string& event, const Causation& cause,
                               nlohmann::json* moved) {
    TriggerRun run{0, t.id, t.entity_type, record_id, event, jobs::to_millis(clock_.now()), "failed", 0, {}};
    const auto chain = cause.next("trigger:" + std::to_string(t.id) + " " + t.entity_type + "#" + std::to_string(record_id));
    run.depth = chain.depth;
    db_.write([&](storage::Transaction& tx) {
        if (chain.depth > options_.max_chain_depth) {
            run.result = "stopped";
            run.error = "stopped: " + std::to_string(chain.depth - 1) + " automated steps in a row reached automation.max_chain_depth (" +
                        std::to_string(options_.max_chain_depth) + "); triggers or robots probably move the record back and forth: " +
                        chain.describe();
            audit_.record(audit::AuditEvent{"automation.chain_stopped", 0, "system:triggers", t.entity_type, record_id,
                                            {{"trigger_id", t.id}, {"depth", chain.depth}, {"trail", chain.trail}}});
            spdlog::error("trigger #{} on {} #{}: {}", t.id, t.entity_type, record_id, run.error);
        } else if (auto actor = run_as_.actor(t.run_as); !actor) {
            run.error = "run-as user '" + run_as_.login_of(t.run_as) + "' is inactive or archived";
        } else {
            Causation::Scope in_chain(chain);
            try {
                run.result = move_if_due(t, *actor, record_id, run.error, moved);
            } catch (...) {
                run.result = "failed";
                run.error = current_error_text();
            }
        }
        TriggerStore::insert_run(tx.conn(), run);
    });
    if (run.result == "failed") spdlog::warn("trigger #{} on {} #{} failed: {}", t.id, t.entity_type, record_id, run.error);
    return run;
}

Trigger TriggerEngine::authorize(std::int64_t id, const std::string& secret) {
    auto trigger = db_.read([&](storage::Connection& c) { return TriggerStore::find(c, id); });
    if (!trigger || trigger->kind != "webhook" || !trigger->enabled)
        throw Problem::not_found("there is no enabled webhook trigger #" + std::to_string(id));
    if (secret.empty()) throw Problem::unauthorized("send the trigger's secret in the X-Orbita-Trigger-Secret header");
    if (!auth::secure_equals(auth::token_hash(secret), trigger->secret_hash)) {
        audit_.record(audit::AuditEvent{"trigger.hook_refused", 0, "system:hooks", trigger->entity_type, 0,
                                        {{"trigger_id", id}, {"reason", "wrong secret"}}});
        throw Problem::unauthorized("the secret does not match this trigger's");
    }
    return std::move(*trigger);
}

nlohmann::json TriggerEngine::hook(const Trigger& trigger, const nlohmann::json& body) {
    schemas_.check("hook", body);
    const auto record_id = body["record_id"].get<std::int64_t>();
    nlohmann::json moved;
    const auto run = fire(trigger, record_id, "webhook", Causation{}, &moved);
    if (run.result == "failed") throw Problem::validation({{"record_id", "not_moved", run.error}});
    return {{"result", run.result},
            {"trigger_id", trigger.id},
            {"record_id", record_id},
            {"reason", run.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(run.error)},
            {"record", moved.is_null() ? nlohmann::json(nullptr) : moved}};
}

}  // namespace orbita::kernel::automation
