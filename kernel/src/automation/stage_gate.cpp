// SPDX-License-Identifier: Apache-2.0
#include "automation/stage_gate.hpp"

#include "automation/causation.hpp"
#include "automation/pipeline_store.hpp"
#include "core/problem.hpp"
#include "entity/type_registry.hpp"
#include "storage/database.hpp"

namespace orbita::kernel::automation {

namespace {

std::string text_or_empty(const nlohmann::json& j, const std::string& key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string listed_keys(const Pipeline& p) {
    std::string out;
    for (const auto& s : p.stages) out += (out.empty() ? "" : ", ") + s.key;
    return out.empty() ? "it has no stages yet" : "its stages: " + out;
}

}  // namespace

void StageGate::fill(const entity::EntityType& type, std::optional<std::int64_t> id, nlohmann::json& body) const {
    const auto fields = stage_fields(type);
    if (!fields) return;
    const bool has_stage = body.contains(fields->stage) && !body[fields->stage].is_null();
    const bool names_pipeline = !fields->pipeline.empty() && body.contains(fields->pipeline) && body[fields->pipeline].is_string();
    const bool needs_pipeline = !fields->pipeline.empty() && !names_pipeline;
    if (id ? (has_stage || !names_pipeline) : (has_stage && !needs_pipeline)) return;  // nothing to derive
    db_.read([&](storage::Connection& conn) {
        if (id) {
            // A new pipeline without a stage: its first stage, unless the pipeline stays the same.
            const auto& d = conn.dialect();
            auto current = conn.query_one(storage::SqlFragment("SELECT " + d.quote(fields->pipeline) + " FROM " +
                                                               d.quote(type.table()) + " WHERE id = ").bind(*id),
                                          {storage::ReadKind::Text});
            if (current && storage::as_text((*current)[0]) == body[fields->pipeline].get<std::string>()) return;
        }
        auto pipeline = names_pipeline ? PipelineStore::find_key(conn, type.name(), body[fields->pipeline].get<std::string>())
                                       : PipelineStore::default_of(conn, type.name());
        if (!pipeline) return;  // unknown pipeline (check() reports it) or none configured
        if (needs_pipeline) body[fields->pipeline] = pipeline->key;
        if (!has_stage) {
            if (const auto* first = pipeline->first_stage()) body[fields->stage] = first->key;
        }
    });
}

void StageGate::check(const events::Event& event) {
    auto type = types_.find(event.entity_type);
    if (!type) return;
    const auto fields = stage_fields(*type);
    if (!fields) return;
    const auto& changes = event.payload.value("changes", nlohmann::json::object());
    const bool created = event.name == "record.created";
    const bool touched = changes.contains(fields->stage) || (!fields->pipeline.empty() && changes.contains(fields->pipeline));
    if (!touched && !created) return;
    const auto& record = event.payload["record"];
    const std::string stage = text_or_empty(record, fields->stage);
    db_.write([&](storage::Transaction& tx) {
        auto& conn = tx.conn();
        std::optional<Pipeline> pipeline;
        if (fields->pipeline.empty()) {
            pipeline = PipelineStore::default_of(conn, type->name());
            if (!pipeline) return;  // not configured yet: the stage field is plain text
        } else {
            const std::string key = text_or_empty(record, fields->pipeline);
            if (!key.empty()) pipeline = PipelineStore::find_key(conn, type->name(), key);
            if (!pipeline) {
                if (!PipelineStore::type_has_pipelines(conn, type->name())) return;
                throw Problem::validation({{fields->pipeline, key.empty() ? "required" : "unknown_pipeline",
                                            key.empty() ? "a " + type->name() + " needs a pipeline"
                                                        : "'" + key + "' is not a pipeline of " + type->name()}});
            }
        }
        if (stage.empty())
            throw Problem::validation({{fields->stage, "required",
                                        "a " + type->name() + " in pipeline '" + pipeline->key + "' needs a stage (" +
                                            listed_keys(*pipeline) + ")"}});
        auto located = PipelineStore::locate(conn, type->name(), pipeline->key, stage);
        if (!located)
            throw Problem::validation({{fields->stage, "unknown_stage",
                                        "'" + stage + "' is not a stage of pipeline '" + pipeline->key + "' (" +
                                            listed_keys(*pipeline) + ")"}});
        nlohmann::json previous = nullptr;
        if (!created) {
            auto old_of = [&](const std::string& field) -> nlohmann::json {
                if (field.empty()) return pipeline->key;
                auto c = changes.find(field);
                return c != changes.end() ? (*c)["old"] : record.value(field, nlohmann::json());
            };
            previous = {{"pipeline", old_of(fields->pipeline)}, {"stage", old_of(fields->stage)}};
        }
        const auto& chain = Causation::current();
        events::Event changed{kStageChanged, type->name(), event.record_id,
                              {{"type", type->name()},
                               {"id", event.record_id},
                               {"created", created},
                               {"previous", previous},
                               {"current", {{"pipeline", pipeline->key}, {"stage", stage},
                                            {"pipeline_id", located->first}, {"stage_id", located->second}}},
                               {"actor_id", event.payload.value("actor_id", std::int64_t{0})},
                               {"actor", event.payload.value("actor", std::string())},
                               {"record", record},
                               {"causation", chain.to_json()}}};
        events_.publish(tx, changed);
    });
}

}  // namespace orbita::kernel::automation
