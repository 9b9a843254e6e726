// SPDX-License-Identifier: Apache-2.0
// Reads `*.entity.json` declarations: schema check first, then the rules a schema
// cannot express (unique names, targets, roles, defaults, index fields).
#pragma once

#include "core/json_schema.hpp"
#include "entity/entity_type.hpp"
#include "entity/value_codec.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace orbita::kernel::entity {

/// A declaration that cannot be used; `errors` lists every problem found, each
/// prefixed with the source ("client.entity.json: fields[2].type: ...").
class DeclarationError : public std::runtime_error {
public:
    explicit DeclarationError(std::vector<std::string> errors);
    const std::vector<std::string>& errors() const { return errors_; }

private:
    std::vector<std::string> errors_;
};

/// Type and field names the kernel keeps for its own tables.
bool is_reserved_type_name(const std::string& name);

class EntityTypeParser {
public:
    EntityTypeParser(const JsonSchema& schema, const ValueCodec& codec) : schema_(schema), codec_(codec) {}

    /// Builds an EntityType from a declaration; `source` names it in errors.
    /// Throws DeclarationError listing every problem. Reference targets are checked
    /// later, by the registry, once every type is known.
    EntityTypePtr parse(const nlohmann::json& declaration, const std::string& source) const;
    /// Reads and parses a file.
    EntityTypePtr parse_file(const std::string& path) const;

    /// Validates one field declaration to be added to `type` (custom fields).
    /// Appends problems to `errors` (paths relative to the field) and returns the field
    /// only if there are none.
    std::optional<FieldDef> parse_custom_field(const EntityType& type, const nlohmann::json& declaration,
                                               std::vector<std::string>& errors) const;

private:
    std::optional<FieldDef> parse_field(const nlohmann::json& j, const std::string& path,
                                        std::vector<std::string>& errors) const;
    void check_type_rules(const EntityType& type, const std::string& source, std::vector<std::string>& errors) const;

    const JsonSchema& schema_;
    const ValueCodec& codec_;
};

}  // namespace orbita::kernel::entity
