// SPDX-License-Identifier: Apache-2.0
// Pipelines and their stages as the automation engine and the admin API see them.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orbita::kernel::entity {
class EntityType;
}

namespace orbita::kernel::automation {

/// What reaching a stage means: still in progress, won, or lost.
enum class StageKind { Open, Success, Failure };

std::string_view to_string(StageKind kind);
/// Parses "open", "success" or "failure"; nullopt otherwise.
std::optional<StageKind> parse_stage_kind(std::string_view text);

/// One column of a pipeline. `key` is what the record's stage field holds; it never
/// changes once created, so records, filters, robots and triggers keep pointing at it
/// while the name and colour are edited.
struct Stage {
    std::int64_t id = 0;
    std::int64_t pipeline_id = 0;
    std::string key;
    std::string name;
    std::string color;  ///< "#RRGGBB"
    StageKind kind = StageKind::Open;
    int position = 0;

    nlohmann::json to_json() const;
};

/// An ordered set of stages of one entity type ("sales", "regular payments").
struct Pipeline {
    std::int64_t id = 0;
    std::string entity_type;
    std::string key;
    std::string name;
    bool is_default = false;
    int position = 0;
    std::vector<Stage> stages;  ///< in order

    const Stage* stage(std::string_view key) const;
    const Stage* stage_by_id(std::int64_t id) const;
    /// Where new records of the pipeline land; nullptr when it has no stages.
    const Stage* first_stage() const { return stages.empty() ? nullptr : &stages.front(); }
    nlohmann::json to_json() const;
};

/// The fields of a pipeline type: `stage` always, `pipeline` only when the type can
/// have several pipelines (it declares roles.pipeline).
struct StageFields {
    std::string stage;
    std::string pipeline;  ///< empty: one pipeline only
};

/// The stage fields of `type`, or nullopt when it has no roles.stage.
std::optional<StageFields> stage_fields(const entity::EntityType& type);

/// True for keys of pipelines and stages: snake_case, 1 to 50 characters.
bool valid_key(std::string_view key);
/// True for "#RRGGBB".
bool valid_color(std::string_view color);

}  // namespace orbita::kernel::automation
