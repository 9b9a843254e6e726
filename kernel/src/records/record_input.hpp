// SPDX-License-Identifier: Apache-2.0
// Validates a create or update body against an entity type, reporting every problem.
#pragma once

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "entity/entity_type.hpp"
#include "entity/value_codec.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace orbita::kernel::records {

/// One field value to be written.
struct FieldWrite {
    const entity::FieldDef* field;
    entity::DecodedValue value;
};

/// A body that passed validation: values in field order, and the version the client
/// based an update on (body field `version`), if it sent one.
struct RecordInput {
    std::vector<FieldWrite> writes;
    std::optional<std::int64_t> version;
};

enum class InputMode { Create, Update };

/// Checks a JSON body: it must be an object; unknown keys, server-maintained fields,
/// wrong types and missing required values are each reported (422, all at once).
/// On create, defaults are filled in for absent fields.
RecordInput validate_record_input(const entity::EntityType& type, const nlohmann::json& body, InputMode mode,
                                  const entity::ValueCodec& codec, const Actor& actor, const Clock& clock);

}  // namespace orbita::kernel::records
