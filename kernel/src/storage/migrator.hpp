// SPDX-License-Identifier: Apache-2.0
// Applies migrations once, records them in `schema_migrations`, refuses newer schemas.
#pragma once

#include "storage/migration.hpp"

#include <set>
#include <string>
#include <vector>

namespace orbita::kernel::storage {

class Connection;
class Database;

/// Keeps `schema_migrations(id, owner, description, applied_at)` and applies
/// migrations in order, each in its own transaction together with its record.
class Migrator {
public:
    explicit Migrator(Database& db);

    /// Creates `schema_migrations` if missing.
    void ensure_table();
    /// Ids of every applied migration.
    std::set<std::string> applied();
    /// Throws std::runtime_error when the database holds a migration of `owner`
    /// numbered beyond the last one this binary knows: the data was written by a newer
    /// Orbita and this binary must not touch it.
    void refuse_newer(const std::string& owner, const std::vector<Migration>& known);
    /// Applies those of `migrations` not yet applied; answers how many ran.
    int apply(const std::vector<Migration>& migrations);
    /// Records a change applied by the caller inside its own transaction `conn`.
    static void record(Connection& conn, const std::string& id, const std::string& description);

private:
    Database& db_;
};

/// The owner part of a migration id ("kernel" for "kernel/0003_x").
std::string migration_owner(const std::string& id);
/// The number of a migration id (3 for "kernel/0003_x"), or -1.
int migration_number(const std::string& id);

}  // namespace orbita::kernel::storage
