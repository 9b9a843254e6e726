// SPDX-License-Identifier: Apache-2.0
#include "automation/record_mover.hpp"

#include "automation/pipeline_model.hpp"
#include "core/problem.hpp"
#include "records/record_repository.hpp"

namespace orbita::kernel::automation {

nlohmann::json MoveResult::effect(const std::string& type) const {
    return {{"kind", "record.moved"}, {"type", type}, {"id", record.value("id", std::int64_t{0})}, {"from", from}, {"to", to}};
}

namespace {

StageFields fields_of(records::RecordRepository& records, const std::string& type) {
    auto fields = stage_fields(*records.registry().get(type));
    if (!fields)
        throw Problem::validation({{"type", "no_stages", type + " has no stage field (roles.stage), so its records cannot be moved"}});
    return *fields;
}

}  // namespace

nlohmann::json RecordMover::position_of(const std::string& type, const nlohmann::json& record) const {
    const auto fields = fields_of(records_, type);
    return {{"pipeline", fields.pipeline.empty() ? nlohmann::json(nullptr) : record.value(fields.pipeline, nlohmann::json())},
            {"stage", record.value(fields.stage, nlohmann::json())}};
}

MoveResult RecordMover::move(const Actor& actor, const std::string& type, std::int64_t id, const std::string& stage,
                             const std::optional<std::string>& pipeline, std::optional<std::int64_t> version) {
    const auto fields = fields_of(records_, type);
    nlohmann::json patch = {{fields.stage, stage}};
    if (pipeline) {
        if (fields.pipeline.empty())
            throw Problem::validation({{"pipeline", "single_pipeline", type + " has one pipeline only (no roles.pipeline field)"}});
        patch[fields.pipeline] = *pipeline;
    }
    MoveResult result;
    result.from = position_of(type, records_.get(actor, type, id));
    result.record = version ? records_.update(actor, type, id, patch, version) : records_.update(actor, type, id, patch, std::nullopt, true);
    result.to = position_of(type, result.record);
    return result;
}

}  // namespace orbita::kernel::automation
