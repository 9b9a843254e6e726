// SPDX-License-Identifier: Apache-2.0
// Fields administrators add at run time: validated, stored, applied as a migration.
#pragma once

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "entity/entity_type_parser.hpp"
#include "audit/audit_log.hpp"
#include "entity/type_registry.hpp"
#include "storage/database.hpp"

#include <nlohmann/json.hpp>

namespace orbita::kernel::entity {

/// Adds custom fields to entity types. A new field becomes a real column (or link
/// table) through ALTER TABLE in the same transaction that stores its definition and
/// records the migration, so it is indexed SQL for filters and reports from the start.
class CustomFieldService {
public:
    CustomFieldService(storage::Database& db, TypeRegistry& registry, const EntityTypeParser& parser,
                       const Clock& clock, audit::AuditLog& audit)
        : db_(db), registry_(registry), parser_(parser), clock_(clock), audit_(audit) {}

    /// Merges stored custom fields into the registered types (at start, after the
    /// declarations are loaded). Answers problems with stored fields, one line each.
    std::vector<std::string> load();
    /// Validates and applies one field; 403 unless the actor is an administrator, 422
    /// listing every problem, 409 if a field of that name was added concurrently.
    /// Answers the new type metadata. Audited.
    nlohmann::json add(const Actor& actor, const std::string& type, const nlohmann::json& declaration);

private:
    storage::Database& db_;
    TypeRegistry& registry_;
    const EntityTypeParser& parser_;
    const Clock& clock_;
    audit::AuditLog& audit_;
};

}  // namespace orbita::kernel::entity
