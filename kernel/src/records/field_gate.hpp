// SPDX-License-Identifier: Apache-2.0
// Hooks through which the access model narrows what queries may touch.
#pragma once

#include "entity/entity_type.hpp"
#include "storage/sql_fragment.hpp"

#include <functional>
#include <string>
#include <vector>

namespace orbita::kernel::records {

/// Decides whether a field may be used (filtered, sorted, grouped): hidden fields may
/// not. An empty gate allows everything.
using FieldGate = std::function<bool(const entity::EntityType&, const entity::FieldDef&)>;

/// The rows of a referenced type the user may read, as a predicate over `alias`
/// (empty: all), so a reference path cannot probe records outside the user's scope.
using RowScope = std::function<storage::SqlFragment(const entity::EntityType&, const std::string& alias)>;

/// `field` exists for the gate (and the type).
inline bool passes(const FieldGate& gate, const entity::EntityType& type, const entity::FieldDef* field) {
    return field && (!gate || gate(type, *field));
}

/// Names of the fields the gate lets through (for "did you mean" hints that must not
/// reveal hidden fields).
inline std::vector<std::string> visible_names(const FieldGate& gate, const entity::EntityType& type) {
    if (!gate) return type.field_names();
    std::vector<std::string> names;
    for (const auto& f : type.fields()) {
        if (gate(type, f)) names.push_back(f.name);
    }
    return names;
}

}  // namespace orbita::kernel::records
