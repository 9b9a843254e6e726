// SPDX-License-Identifier: Apache-2.0
// An entity type: the metadata behind one table, its API and its screens.
#pragma once

#include "entity/field_def.hpp"

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace orbita::kernel::entity {

/// A declared index over one or more fields.
struct IndexDef {
    std::string name;
    std::vector<std::string> fields;
    bool unique = false;
};

/// The names of the system fields every record has, in storage order.
const std::vector<std::string>& system_field_names();

/// Immutable once built: adding a custom field produces a new EntityType
/// (see TypeRegistry), so readers never see a half-updated type.
class EntityType {
public:
    EntityType(std::string name, std::vector<FieldDef> declared_fields);

    const std::string& name() const { return name_; }
    /// Table of the records (same as the type name, always quoted in SQL).
    const std::string& table() const { return name_; }
    /// System fields first, then declared and custom fields in declaration order.
    const std::vector<FieldDef>& fields() const { return fields_; }
    /// The field named `name`, or nullptr.
    const FieldDef* field(std::string_view name) const;
    /// Every field name, for "did you mean" hints.
    std::vector<std::string> field_names() const;

    nlohmann::json label = nlohmann::json::object();
    nlohmann::json plural = nlohmann::json::object();
    std::string description;
    std::string owner = "kernel";  ///< kernel, a plugin id, or a directory name
    std::vector<IndexDef> indexes;
    std::string title_template;
    std::vector<std::string> search_fields;
    std::vector<std::string> list_columns;
    std::map<std::string, std::string> roles;  ///< owner/department/stage/pipeline/amount/date -> field

    /// A copy with one more (custom) field appended.
    std::shared_ptr<EntityType> with_field(FieldDef field) const;
    /// The metadata document served by GET /api/v1/types/{type}.
    nlohmann::json to_json() const;
    /// The JSON of one field as served by the API.
    static nlohmann::json field_to_json(const FieldDef& field);

private:
    void index_fields();

    std::string name_;
    std::vector<FieldDef> fields_;
    std::unordered_map<std::string, std::size_t> by_name_;
};

using EntityTypePtr = std::shared_ptr<const EntityType>;

}  // namespace orbita::kernel::entity
