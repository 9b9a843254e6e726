// SPDX-License-Identifier: Apache-2.0
// What each kind of trigger needs in its config, and which events fire it.
#pragma once

#include "automation/pipeline_model.hpp"
#include "automation/trigger_model.hpp"
#include "core/problem.hpp"
#include "events/event_bus.hpp"

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace orbita::kernel::entity {
class EntityType;
class TypeRegistry;
}  // namespace orbita::kernel::entity

namespace orbita::kernel::automation {

/// The rules of the trigger kinds (see Trigger): checking a config when a trigger is
/// saved, and deciding which record, if any, an event moves.
class TriggerRules {
public:
    /// The trigger kinds.
    static const std::vector<std::string>& kinds();

    /// Appends what is wrong with `config` for a trigger of `kind` on records of `type`
    /// under "config.<key>". `sources` are the trigger sources plugins declared.
    static void check(const std::string& kind, const nlohmann::json& config, const entity::EntityType& type,
                      const entity::TypeRegistry& types, const std::set<std::string>& sources, std::vector<FieldError>& errors);

    /// The kind of stage `stage_id` (for "related ... completed" without a field).
    using StageKindLookup = std::function<std::optional<StageKind>(std::int64_t stage_id)>;

    /// The id of the record of the trigger's type that `event` moves, or nullopt.
    /// `source` is the plugin trigger source the event arrived through (empty for
    /// kernel events).
    static std::optional<std::int64_t> match(const Trigger& trigger, const events::Event& event, const std::string& source,
                                             const StageKindLookup& kind_of);
};

}  // namespace orbita::kernel::automation
