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
        std::string key = fields->pipeline.empty() ? PipelineStore::default_key(conn, type->name()).value_or("")
                                                   : text_or_empty(record, fields->pipeline);
        // The common case costs one query; the others find out what exactly is wrong.
        auto located = key.empty() || stage.empty() ? std::nullopt : PipelineStore::locate(conn, type->name(), key, stage);
        if (!located) {
            if (!PipelineStore::type_has_pipelines(conn, type->name())) return;  // not configured yet: plain text
            auto pipeline = key.empty() ? std::nullopt : PipelineStore::find_key(conn, type->name(), key);
            if (!pipeline)
                throw Problem::validation({{fields->pipeline, key.empty() ? "required" : "unknown_pipeline",
                                            key.empty() ? "a " + type->name() + " needs a pipeline"
                                                        : "'" + key + "' is not a pipeline of " + type->name()}});
            throw Problem::validation({{fields->stage, stage.empty() ? "required" : "unknown_stage",
                                        (stage.empty() ? "a " + type->name() + " in pipeline '" + key + "' needs a stage"
                                                       : "'" + stage + "' is not a stage of pipeline '" + key + "'") +
                                            " (" + listed_keys(*pipeline) + ")"}});
        }
        nlohmann::json previous = nullptr;
        if (!created) {
            auto old_of = [&](const std::string& field) -> nlohmann::json {
                if (field.empty()) return key;
                auto c = changes.find(field);
                return c != changes.end() ? (*c)["old"] : record.value(field, nlohmann::json());
            };
            previous = {{"pipeline", old_of(fields->pipeline)}, {"stage", old_of(fields->stage)}};
        }
        events::Event changed{kStageChanged, type->name(), event.record_id,
                              {{"type", type->name()},
                               {"id", event.record_id},
                               {"created", created},
                               {"stage_field", fields->stage},
                               {"pipeline_field", fields->pipeline},
                               {"previous", previous},
                               {"current", {{"pipeline", key}, {"stage", stage},
                                            {"pipeline_id", located->first}, {"stage_id", located->second}}},
                               {"actor_id", event.payload.value("actor_id", std::int64_t{0})},
                               {"actor", event.payload.value("actor", std::string())},
                               {"record", record},
                               {"causation", Causation::current().to_json()}}};
        events_.publish(tx, changed);
    });
}

}  // namespace orbita::kernel::automation
