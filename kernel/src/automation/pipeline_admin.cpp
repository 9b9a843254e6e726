// SPDX-License-Identifier: Apache-2.0
#include "automation/pipeline_admin.hpp"

#include "audit/audit_log.hpp"
#include "automation/pipeline_store.hpp"
#include "automation/robot_store.hpp"
#include "core/problem.hpp"
#include "entity/type_registry.hpp"
#include "jobs/job.hpp"
#include "storage/database.hpp"

#include <algorithm>
#include <set>

namespace orbita::kernel::automation {

namespace {

std::string default_color(StageKind kind) {
    switch (kind) {
        case StageKind::Success: return "#27ae60";
        case StageKind::Failure: return "#eb5757";
        case StageKind::Open: break;
    }
    return "#2f80ed";
}

Stage stage_from(const nlohmann::json& body, std::int64_t pipeline_id) {
    Stage s;
    s.pipeline_id = pipeline_id;
    s.key = body["key"].get<std::string>();
    s.name = body["name"].get<std::string>();
    s.kind = parse_stage_kind(body.value("kind", std::string("open"))).value_or(StageKind::Open);
    s.color = body.value("color", default_color(s.kind));
    s.position = body.value("position", -1);
    return s;
}

Problem in_use(const std::string& what, std::int64_t count) {
    return Problem::conflict("in-use", what + " is used by " + std::to_string(count) +
                                           " record(s), archived ones included; move them to another stage first",
                             {{"records", count}});
}

}  // namespace

void PipelineAdmin::cancel_runs(storage::Connection& conn, const std::vector<Robot>& robots, const std::string& why) {
    std::vector<std::int64_t> ids;
    for (const auto& r : robots) ids.push_back(r.id);
    RobotStore::cancel_runs_of(conn, ids, "the robot was deleted before it ran: " + why, jobs::to_millis(clock_.now()));
}

StageFields PipelineAdmin::require_pipeline_type(const std::string& type) {
    auto fields = stage_fields(*types_.get(type));
    if (!fields)
        throw Problem::validation({{"type", "no_stages", type + " has no stage field: declare roles.stage in its entity type to give it pipelines"}});
    return *fields;
}

Pipeline PipelineAdmin::require(storage::Connection& conn, std::int64_t id) {
    auto p = PipelineStore::find(conn, id);
    if (!p) throw Problem::not_found("pipeline #" + std::to_string(id) + " does not exist");
    return std::move(*p);
}

std::pair<Pipeline, Stage> PipelineAdmin::require_stage(storage::Connection& conn, std::int64_t stage_id) {
    auto p = PipelineStore::of_stage(conn, stage_id);
    if (!p) throw Problem::not_found("stage #" + std::to_string(stage_id) + " does not exist");
    Stage s = *p->stage_by_id(stage_id);
    return {std::move(*p), std::move(s)};
}

nlohmann::json PipelineAdmin::list(const std::string& type) {
    require_pipeline_type(type);
    nlohmann::json out = nlohmann::json::array();
    db_.read([&](storage::Connection& conn) {
        for (const auto& p : PipelineStore::of_type(conn, type)) out.push_back(p.to_json());
    });
    return {{"items", out}};
}

nlohmann::json PipelineAdmin::get(std::int64_t id) {
    return db_.read([&](storage::Connection& conn) { return require(conn, id).to_json(); });
}

nlohmann::json PipelineAdmin::create(const Actor& actor, const nlohmann::json& body) {
    schemas_.check("pipeline", body);
    const std::string type = body["type"].get<std::string>();
    const auto fields = require_pipeline_type(type);
    const auto stages = body.value("stages", nlohmann::json::array());
    std::vector<FieldError> errors;
    std::set<std::string> keys;
    for (std::size_t i = 0; i < stages.size(); ++i) {
        if (!keys.insert(stages[i]["key"].get<std::string>()).second)
            errors.push_back({"stages[" + std::to_string(i) + "].key", "duplicate", "stage key '" + stages[i]["key"].get<std::string>() + "' is listed twice"});
    }
    if (!errors.empty()) throw Problem::validation(std::move(errors));
    const auto id = db_.write([&](storage::Transaction& tx) {
        auto& conn = tx.conn();
        Pipeline p;
        p.entity_type = type;
        p.key = body["key"].get<std::string>();
        p.name = body["name"].get<std::string>();
        if (PipelineStore::find_key(conn, type, p.key))
            throw Problem::conflict("pipeline-exists", type + " already has a pipeline '" + p.key + "'");
        const bool first = !PipelineStore::type_has_pipelines(conn, type);
        if (!first && fields.pipeline.empty())
            throw Problem::conflict("single-pipeline", type + " has no pipeline field (roles.pipeline), so it has one pipeline only");
        p.id = PipelineStore::insert_pipeline(conn, p, jobs::to_millis(clock_.now()));
        if (first || body.value("is_default", false)) PipelineStore::set_default(conn, type, p.id);
        for (const auto& s : stages) PipelineStore::insert_stage(conn, stage_from(s, p.id));
        return p.id;
    });
    audit_.record(actor, "pipeline.created", {{"key", body["key"]}, {"name", body["name"]}}, type, id);
    return get(id);
}

nlohmann::json PipelineAdmin::update(const Actor& actor, std::int64_t id, const nlohmann::json& body) {
    schemas_.check("pipeline_update", body);
    db_.write([&](storage::Transaction& tx) {
        auto p = require(tx.conn(), id);
        if (body.contains("name")) PipelineStore::rename_pipeline(tx.conn(), id, body["name"].get<std::string>(), jobs::to_millis(clock_.now()));
        if (body.contains("is_default")) PipelineStore::set_default(tx.conn(), p.entity_type, id);
        audit_.record(actor, "pipeline.updated", {{"key", p.key}, {"changes", body}}, p.entity_type, id);
    });
    return get(id);
}

void PipelineAdmin::remove(const Actor& actor, std::int64_t id) {
    db_.write([&](storage::Transaction& tx) {
        auto& conn = tx.conn();
        auto p = require(conn, id);
        const auto count = PipelineStore::count_records(conn, *types_.get(p.entity_type), p.key, std::nullopt);
        if (count > 0) throw in_use("pipeline '" + p.key + "'", count);
        if (p.is_default && PipelineStore::of_type(conn, p.entity_type).size() > 1)
            throw Problem::conflict("default-pipeline", "pipeline '" + p.key + "' is the default of " + p.entity_type +
                                                            "; make another pipeline the default first");
        cancel_runs(conn, RobotStore::of_pipeline(conn, p.id), "its pipeline was deleted");
        PipelineStore::delete_pipeline(conn, p);
        audit_.record(actor, "pipeline.deleted", {{"key", p.key}}, p.entity_type, id);
    });
}

nlohmann::json PipelineAdmin::add_stage(const Actor& actor, std::int64_t pipeline_id, const nlohmann::json& body) {
    schemas_.check("stage", body);
    db_.write([&](storage::Transaction& tx) {
        auto p = require(tx.conn(), pipeline_id);
        auto s = stage_from(body, pipeline_id);
        if (p.stage(s.key)) throw Problem::conflict("stage-exists", "pipeline '" + p.key + "' already has a stage '" + s.key + "'");
        const auto id = PipelineStore::insert_stage(tx.conn(), s);
        audit_.record(actor, "stage.created", {{"pipeline", p.key}, {"key", s.key}, {"stage_id", id}}, p.entity_type, pipeline_id);
    });
    return get(pipeline_id);
}

nlohmann::json PipelineAdmin::update_stage(const Actor& actor, std::int64_t stage_id, const nlohmann::json& body) {
    schemas_.check("stage_update", body);
    const auto pipeline_id = db_.write([&](storage::Transaction& tx) {
        auto [p, s] = require_stage(tx.conn(), stage_id);
        s.name = body.value("name", s.name);
        s.color = body.value("color", s.color);
        if (body.contains("kind")) s.kind = *parse_stage_kind(body["kind"].get<std::string>());
        PipelineStore::update_stage(tx.conn(), s);
        audit_.record(actor, "stage.updated", {{"pipeline", p.key}, {"key", s.key}, {"changes", body}}, p.entity_type, p.id);
        return p.id;
    });
    return get(pipeline_id);
}

nlohmann::json PipelineAdmin::reorder(const Actor& actor, std::int64_t pipeline_id, const nlohmann::json& body) {
    schemas_.check("stage_order", body);
    db_.write([&](storage::Transaction& tx) {
        auto p = require(tx.conn(), pipeline_id);
        auto wanted = body["stages"].get<std::vector<std::int64_t>>();
        std::vector<std::int64_t> have;
        for (const auto& s : p.stages) have.push_back(s.id);
        auto sorted = wanted;
        std::sort(sorted.begin(), sorted.end());
        std::sort(have.begin(), have.end());
        if (sorted != have) {
            std::string ids;
            for (auto i : have) ids += (ids.empty() ? "" : ", ") + std::to_string(i);
            throw Problem::validation({{"stages", "not_a_permutation",
                                        "list every stage id of pipeline '" + p.key + "' exactly once (" + ids + ")"}});
        }
        PipelineStore::reorder_stages(tx.conn(), wanted);
        audit_.record(actor, "stage.reordered", {{"pipeline", p.key}, {"stages", wanted}}, p.entity_type, p.id);
    });
    return get(pipeline_id);
}

void PipelineAdmin::remove_stage(const Actor& actor, std::int64_t stage_id) {
    db_.write([&](storage::Transaction& tx) {
        auto& conn = tx.conn();
        auto [p, s] = require_stage(conn, stage_id);
        const auto count = PipelineStore::count_records(conn, *types_.get(p.entity_type), p.key, s.key);
        if (count > 0) throw in_use("stage '" + s.key + "' of pipeline '" + p.key + "'", count);
        cancel_runs(conn, RobotStore::of_stage(conn, s.id, false), "its stage was deleted");
        PipelineStore::delete_stage(conn, s);
        audit_.record(actor, "stage.deleted", {{"pipeline", p.key}, {"key", s.key}}, p.entity_type, p.id);
    });
}

}  // namespace orbita::kernel::automation
