// SPDX-License-Identifier: Apache-2.0
// Turns entity type declarations into tables, columns, link tables and indexes.
#pragma once

#include "entity/entity_type.hpp"

#include <string>
#include <vector>

namespace orbita::kernel::storage {
class Connection;
class Database;
}  // namespace orbita::kernel::storage

namespace orbita::kernel::entity {

/// Brings the database in line with the declared types: creates missing tables,
/// adds missing columns, link tables, indexes and the full-text index. It never drops
/// or narrows anything; removing a field from a declaration leaves its column in place.
/// Every change is recorded in `schema_migrations` under `type:<name>/...`.
class SchemaSync {
public:
    explicit SchemaSync(storage::Database& db) : db_(db) {}

    /// Syncs one type in its own transaction; answers the DDL statements it ran.
    std::vector<std::string> sync(const EntityType& type);
    /// Adds the storage of one new field to an existing table inside `conn`'s transaction.
    static std::vector<std::string> add_field(storage::Connection& conn, const EntityType& type, const FieldDef& field);

    /// Name of the link table of a many-valued field.
    static std::string link_table(const EntityType& type, const FieldDef& field);
    /// A PostgreSQL-safe (<= 63 bytes) index name.
    static std::string index_name(const std::string& type, const std::string& suffix);

private:
    storage::Database& db_;
};

}  // namespace orbita::kernel::entity
