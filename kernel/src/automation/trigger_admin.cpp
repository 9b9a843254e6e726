// SPDX-License-Identifier: Apache-2.0
#include "automation/trigger_admin.hpp"

#include "audit/audit_log.hpp"
#include "auth/tokens.hpp"
#include "automation/error_text.hpp"
#include "automation/pipeline_store.hpp"
#include "automation/request_schemas.hpp"
#include "automation/run_as.hpp"
#include "automation/trigger_engine.hpp"
#include "automation/trigger_rules.hpp"
#include "automation/trigger_store.hpp"
#include "entity/type_registry.hpp"
#include "jobs/job.hpp"
#include "storage/database.hpp"

namespace orbita::kernel::automation {

Trigger TriggerAdmin::require(storage::Connection& conn, std::int64_t id) {
    auto t = TriggerStore::find(conn, id);
    if (!t) throw Problem::not_found("trigger #" + std::to_string(id) + " does not exist");
    return std::move(*t);
}

nlohmann::json TriggerAdmin::to_json(const Trigger& t) { return t.to_json(run_as_.login_of(t.run_as)); }

void TriggerAdmin::check(Trigger& t, const nlohmann::json& body, const Actor& actor) {
    std::vector<FieldError> errors;
    if (body.contains("stage_id")) {
        const auto stage_id = body["stage_id"].get<std::int64_t>();
        auto pipeline = db_.read([&](storage::Connection& c) { return PipelineStore::of_stage(c, stage_id); });
        if (!pipeline) throw Problem::validation({{"stage_id", "unknown_stage", "there is no stage #" + std::to_string(stage_id)}});
        t.stage_id = stage_id;
        t.pipeline_id = pipeline->id;
        t.entity_type = pipeline->entity_type;
    }
    t.name = body.value("name", t.name);
    t.kind = body.value("kind", t.kind);
    if (body.contains("config")) t.config = body["config"];
    if (body.contains("allow_backward")) t.allow_backward = body["allow_backward"].get<bool>();
    if (body.contains("enabled")) t.enabled = body["enabled"].get<bool>();
    TriggerRules::check(t.kind, t.config, *types_.get(t.entity_type), types_, sources_(), errors);
    if (body.contains("run_as")) {
        collect_validation_errors(errors, [&] { t.run_as = run_as_.user_for(body["run_as"].get<std::string>()); });
    } else if (t.run_as == 0) {
        t.run_as = actor.user_id;
        if (t.run_as == 0) errors.push_back({"run_as", "required", "name the user the trigger acts as"});
    }
    if (!errors.empty()) throw Problem::validation(std::move(errors));
}

nlohmann::json TriggerAdmin::list(const std::string& type) {
    types_.get(type);
    auto triggers = db_.read([&](storage::Connection& c) { return TriggerStore::of_type(c, type); });
    nlohmann::json items = nlohmann::json::array();
    for (const auto& t : triggers) items.push_back(to_json(t));
    return {{"items", items}};
}

nlohmann::json TriggerAdmin::create(const Actor& actor, const nlohmann::json& body) {
    schemas_.check("trigger", body);
    Trigger t;
    t.created_by = actor.user_id;
    check(t, body, actor);
    std::string secret;
    if (t.kind == "webhook") {
        secret = auth::random_token(32);
        t.secret_hash = auth::token_hash(secret);
    }
    t.created_at = t.updated_at = jobs::to_millis(clock_.now());
    t.id = db_.write([&](storage::Transaction& tx) { return TriggerStore::insert(tx.conn(), t); });
    engine_.invalidate();
    audit_.record(actor, "trigger.created", {{"trigger_id", t.id}, {"name", t.name}, {"kind", t.kind}, {"stage_id", t.stage_id}},
                  t.entity_type);
    auto out = to_json(t);
    if (!secret.empty()) out["secret"] = secret;
    return out;
}

nlohmann::json TriggerAdmin::get(std::int64_t id) {
    auto t = db_.read([&](storage::Connection& c) { return require(c, id); });
    return to_json(t);
}

nlohmann::json TriggerAdmin::update(const Actor& actor, std::int64_t id, const nlohmann::json& body) {
    schemas_.check("trigger_update", body);
    auto t = db_.read([&](storage::Connection& c) { return require(c, id); });
    check(t, body, actor);
    t.updated_at = jobs::to_millis(clock_.now());
    db_.write([&](storage::Transaction& tx) { TriggerStore::update(tx.conn(), t); });
    engine_.invalidate();
    audit_.record(actor, "trigger.updated", {{"trigger_id", id}, {"changes", body}}, t.entity_type);
    return to_json(t);
}

void TriggerAdmin::remove(const Actor& actor, std::int64_t id) {
    auto t = db_.write([&](storage::Transaction& tx) {
        auto found = require(tx.conn(), id);
        TriggerStore::remove(tx.conn(), id);
        return found;
    });
    engine_.invalidate();
    audit_.record(actor, "trigger.deleted", {{"trigger_id", id}, {"name", t.name}}, t.entity_type);
}

nlohmann::json TriggerAdmin::rotate_secret(const Actor& actor, std::int64_t id) {
    const auto secret = auth::random_token(32);
    auto t = db_.write([&](storage::Transaction& tx) {
        auto found = require(tx.conn(), id);
        if (found.kind != "webhook") throw Problem::conflict("not-a-webhook", "trigger #" + std::to_string(id) + " is not a webhook trigger");
        found.secret_hash = auth::token_hash(secret);
        found.updated_at = jobs::to_millis(clock_.now());
        TriggerStore::update(tx.conn(), found);
        return found;
    });
    audit_.record(actor, "trigger.secret_rotated", {{"trigger_id", id}}, t.entity_type);
    return {{"trigger_id", id}, {"secret", secret}, {"hook_url", "/api/v1/hooks/triggers/" + std::to_string(id)}};
}

nlohmann::json TriggerAdmin::runs(std::int64_t id, int limit, std::int64_t before) {
    return db_.read([&](storage::Connection& c) {
        require(c, id);
        nlohmann::json items = nlohmann::json::array();
        const auto list = TriggerStore::runs_of(c, id, limit, before);
        for (const auto& r : list) items.push_back(r.to_json());
        const bool more = list.size() == static_cast<std::size_t>(limit);
        return nlohmann::json{{"items", items}, {"next_before", more ? nlohmann::json(list.back().id) : nlohmann::json(nullptr)}};
    });
}

nlohmann::json TriggerAdmin::of_pipeline(std::int64_t pipeline_id) {
    auto triggers = db_.read([&](storage::Connection& c) { return TriggerStore::of_pipeline(c, pipeline_id); });
    nlohmann::json out = nlohmann::json::object();
    for (const auto& t : triggers) {
        auto key = std::to_string(t.stage_id);
        if (!out.contains(key)) out[key] = nlohmann::json::array();
        out[key].push_back(to_json(t));
    }
    return out;
}

}  // namespace orbita::kernel::automation
