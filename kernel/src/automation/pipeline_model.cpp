// SPDX-License-Identifier: Apache-2.0
#include "automation/pipeline_model.hpp"

#include "entity/entity_type.hpp"

#include <regex>

namespace orbita::kernel::automation {

std::string_view to_string(StageKind kind) {
    switch (kind) {
        case StageKind::Open: return "open";
        case StageKind::Success: return "success";
        case StageKind::Failure: return "failure";
    }
    return "open";
}

std::optional<StageKind> parse_stage_kind(std::string_view text) {
    if (text == "open") return StageKind::Open;
    if (text == "success") return StageKind::Success;
    if (text == "failure") return StageKind::Failure;
    return std::nullopt;
}

nlohmann::json Stage::to_json() const {
    return {{"id", id}, {"pipeline_id", pipeline_id}, {"key", key}, {"name", name},
            {"color", color}, {"kind", to_string(kind)}, {"position", position}};
}

const Stage* Pipeline::stage(std::string_view wanted) const {
    for (const auto& s : stages) {
        if (s.key == wanted) return &s;
    }
    return nullptr;
}

const Stage* Pipeline::stage_by_id(std::int64_t wanted) const {
    for (const auto& s : stages) {
        if (s.id == wanted) return &s;
    }
    return nullptr;
}

nlohmann::json Pipeline::to_json() const {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& s : stages) list.push_back(s.to_json());
    return {{"id", id}, {"type", entity_type}, {"key", key}, {"name", name},
            {"is_default", is_default}, {"position", position}, {"stages", std::move(list)}};
}

std::optional<StageFields> stage_fields(const entity::EntityType& type) {
    auto stage = type.roles.find("stage");
    if (stage == type.roles.end()) return std::nullopt;
    auto pipeline = type.roles.find("pipeline");
    return StageFields{stage->second, pipeline == type.roles.end() ? std::string() : pipeline->second};
}

bool valid_key(std::string_view key) {
    static const std::regex rule("^[a-z][a-z0-9_]{0,49}$");
    return std::regex_match(key.begin(), key.end(), rule);
}

bool valid_color(std::string_view color) {
    static const std::regex rule("^#[0-9a-fA-F]{6}$");
    return std::regex_match(color.begin(), color.end(), rule);
}

}  // namespace orbita::kernel::automation
