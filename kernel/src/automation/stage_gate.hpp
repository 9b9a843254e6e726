// SPDX-License-Identifier: Apache-2.0
// Keeps records of pipeline types in a stage of their pipeline and raises record.stage_changed.
#pragma once

#include "events/event_bus.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>

namespace orbita::kernel::storage {
class Database;
}
namespace orbita::kernel::entity {
class EntityType;
class TypeRegistry;
}  // namespace orbita::kernel::entity

namespace orbita::kernel::automation {

/// Every write of a record of a pipeline type passes here, whoever makes it (REST, Lua,
/// plugins, robots):
///
/// - `fill` (a RecordRepository input filler): a record created without a pipeline goes
///   to the type's default pipeline, without a stage to the first stage of its
///   pipeline; a change of pipeline without a stage lands in the new pipeline's first stage.
/// - `check` (an InTransaction subscriber of record.created/updated): the stage must be
///   a stage of the record's pipeline (422 naming the valid ones otherwise); then it
///   raises `record.stage_changed` in the same transaction, so the robot engine
///   schedules atomically with the move.
///
/// A type that declares a stage field but has no pipeline yet is not constrained: its
/// stage field is plain text until an administrator creates the first pipeline.
class StageGate {
public:
    StageGate(storage::Database& db, const entity::TypeRegistry& types, events::EventBus& events)
        : db_(db), types_(types), events_(events) {}

    void fill(const entity::EntityType& type, std::optional<std::int64_t> id, nlohmann::json& body) const;
    void check(const events::Event& event);

    static constexpr const char* kStageChanged = "record.stage_changed";

private:
    storage::Database& db_;
    const entity::TypeRegistry& types_;
    events::EventBus& events_;
};

}  // namespace orbita::kernel::automation
