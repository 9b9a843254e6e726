// SPDX-License-Identifier: Apache-2.0
#include "storage/migrator.hpp"

#include "core/clock.hpp"
#include "storage/database.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

namespace orbita::kernel::storage {

std::string migration_owner(const std::string& id) {
    auto slash = id.find('/');
    return slash == std::string::npos ? std::string() : id.substr(0, slash);
}

int migration_number(const std::string& id) {
    auto slash = id.find('/');
    if (slash == std::string::npos) return -1;
    int n = 0;
    std::size_t i = slash + 1;
    bool any = false;
    for (; i < id.size() && id[i] >= '0' && id[i] <= '9'; ++i) {
        n = n * 10 + (id[i] - '0');
        any = true;
    }
    return any ? n : -1;
}

Migrator::Migrator(Database& db) : db_(db) {}

void Migrator::ensure_table() {
    db_.write([&](Transaction& tx) {
        const auto& d = tx.conn().dialect();
        tx.conn().exec_raw("CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, owner TEXT NOT NULL, "
                           "description TEXT NOT NULL, applied_at " +
                           d.column_type(ColumnType::Timestamp) + " NOT NULL)");
    });
}

std::set<std::string> Migrator::applied() {
    std::set<std::string> ids;
    db_.read([&](Connection& conn) {
        for (auto& row : conn.query(SqlFragment("SELECT id FROM schema_migrations"), {ReadKind::Text})) {
            ids.insert(std::get<std::string>(row[0]));
        }
    });
    return ids;
}

void Migrator::refuse_newer(const std::string& owner, const std::vector<Migration>& known) {
    int latest_known = 0;
    for (const auto& m : known) latest_known = std::max(latest_known, migration_number(m.id));
    for (const auto& id : applied()) {
        if (migration_owner(id) == owner && migration_number(id) > latest_known) {
            throw std::runtime_error("the database schema is newer than this binary: it has migration '" + id +
                                     "' but this build of " + owner + " knows migrations up to " +
                                     std::to_string(latest_known) + "; upgrade Orbita before using this database");
        }
    }
}

void Migrator::record(Connection& conn, const std::string& id, const std::string& description) {
    conn.exec(SqlFragment("INSERT INTO schema_migrations (id, owner, description, applied_at) VALUES (")
                  .bind(id)
                  .sql(", ")
                  .bind(migration_owner(id))
                  .sql(", ")
                  .bind(description)
                  .sql(", ")
                  .bind(format_utc(SystemClock().now()))
                  .sql(")"));
}

int Migrator::apply(const std::vector<Migration>& migrations) {
    auto done = applied();
    int count = 0;
    for (const auto& m : migrations) {
        if (done.count(m.id)) continue;
        db_.write([&](Transaction& tx) {
            for (const auto& statement : m.statements(tx.conn().dialect())) tx.conn().exec_raw(statement);
            record(tx.conn(), m.id, m.description);
        });
        spdlog::info("applied migration {}: {}", m.id, m.description);
        ++count;
    }
    return count;
}

}  // namespace orbita::kernel::storage
