// SPDX-License-Identifier: Apache-2.0
// What administrators do with pipelines and stages, with the rules that keep records valid.
#pragma once

#include "automation/pipeline_model.hpp"
#include "automation/robot_model.hpp"
#include "automation/request_schemas.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"

#include <nlohmann/json.hpp>

namespace orbita::kernel::storage {
class Database;
class Connection;
}
namespace orbita::kernel::entity {
class TypeRegistry;
}
namespace orbita::kernel::audit {
class AuditLog;
}

namespace orbita::kernel::automation {

/// Pipelines and stages of entity types that declare a stage field. Keys are fixed at
/// creation (records store them); names, colours, kinds, order and the default
/// pipeline can change. A pipeline or stage that records use (archived ones included)
/// cannot be deleted: 409 with the count. Deleting a stage deletes its robots and
/// triggers. Every change is audited. The caller has checked the administrator right.
class PipelineAdmin {
public:
    PipelineAdmin(storage::Database& db, const entity::TypeRegistry& types, const RequestSchemas& schemas,
                  audit::AuditLog& audit, const Clock& clock)
        : db_(db), types_(types), schemas_(schemas), audit_(audit), clock_(clock) {}

    /// Pipelines of `type` (404 unknown type, 422 type without a stage field).
    nlohmann::json list(const std::string& type);
    nlohmann::json get(std::int64_t id);
    /// {type, key, name, is_default?, stages?: [{key, name, color?, kind?}]} -> 201 body.
    /// The first pipeline of a type is its default.
    nlohmann::json create(const Actor& actor, const nlohmann::json& body);
    /// {name?, is_default: true?}
    nlohmann::json update(const Actor& actor, std::int64_t id, const nlohmann::json& body);
    void remove(const Actor& actor, std::int64_t id);

    /// {key, name, color?, kind?, position?} -> the pipeline with the new stage.
    nlohmann::json add_stage(const Actor& actor, std::int64_t pipeline_id, const nlohmann::json& body);
    /// {name?, color?, kind?} -> the pipeline.
    nlohmann::json update_stage(const Actor& actor, std::int64_t stage_id, const nlohmann::json& body);
    /// {"stages": [every stage id of the pipeline, in the new order]} -> the pipeline.
    nlohmann::json reorder(const Actor& actor, std::int64_t pipeline_id, const nlohmann::json& body);
    void remove_stage(const Actor& actor, std::int64_t stage_id);

private:
    Pipeline require(storage::Connection& conn, std::int64_t id);
    std::pair<Pipeline, Stage> require_stage(storage::Connection& conn, std::int64_t stage_id);
    StageFields require_pipeline_type(const std::string& type);
    /// Cancels the pending runs of robots about to be deleted with their stage.
    void cancel_runs(storage::Connection& conn, const std::vector<Robot>& robots, const std::string& why);

    storage::Database& db_;
    const entity::TypeRegistry& types_;
    const RequestSchemas& schemas_;
    audit::AuditLog& audit_;
    const Clock& clock_;
};

}  // namespace orbita::kernel::automation
