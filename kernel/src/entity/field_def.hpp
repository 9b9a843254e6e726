// SPDX-License-Identifier: Apache-2.0
// One field of an entity type, as declared in JSON or added by an administrator.
#pragma once

#include "entity/field_type.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace orbita::kernel::entity {

/// One allowed value of an enum field.
struct EnumValue {
    std::string value;
    nlohmann::json label;  ///< {"ru": "...", "en": "..."}
    std::string color;     ///< "#RRGGBB" or empty
};

/// A field after validation. `system` fields (id, created_at, ...) exist on every type.
/// `readonly`: settable on create, never changed later. `computed`: maintained by the
/// server (plugins, robots), never written through the records API.
struct FieldDef {
    std::string name;
    FieldType type = FieldType::String;
    nlohmann::json label = nlohmann::json::object();
    std::string description;
    bool required = false;
    bool unique = false;
    bool indexed = false;
    bool readonly = false;
    bool computed = false;
    bool system = false;
    bool custom = false;
    std::optional<nlohmann::json> default_value;
    int scale = 2;                    ///< decimal places of `decimal`
    std::string currency = "RUB";     ///< default currency of `money`
    std::string target;               ///< entity type of ref/refs
    std::vector<EnumValue> values;    ///< enum values
    std::optional<std::int64_t> max_length;
    std::optional<double> minimum;
    std::optional<double> maximum;
    std::string prefix;               ///< autonumber prefix
    int pad = 0;                      ///< autonumber zero padding
    std::string scope_field;          ///< autonumber: separate sequence per value of this ref field
    nlohmann::json declaration;       ///< the JSON it was built from

    const EnumValue* enum_value(const std::string& v) const {
        for (const auto& e : values) {
            if (e.value == v) return &e;
        }
        return nullptr;
    }
    /// The type a ref/user/file value points to.
    std::string reference_target() const {
        if (type == FieldType::User) return "user";
        if (type == FieldType::File) return "";
        return target;
    }
};

}  // namespace orbita::kernel::entity
