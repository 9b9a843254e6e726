// SPDX-License-Identifier: Apache-2.0
#include "entity/schema_sync.hpp"

#include "storage/database.hpp"
#include "storage/migrator.hpp"

#include <Poco/Crypto/DigestEngine.h>

#include <functional>
#include <set>

namespace orbita::kernel::entity {

using storage::Connection;
using storage::Dialect;

namespace {

std::string column_ddl(const Dialect& d, const FieldDef& f, const ColumnSpec& c) {
    if (f.system && f.name == "id") return d.id_column();
    std::string ddl = d.quote(c.name) + " " + d.column_type(c.type);
    if (f.system && f.name == "version") ddl += " NOT NULL DEFAULT 1";
    if (f.system && (f.name == "created_at" || f.name == "updated_at")) ddl += " NOT NULL";
    return ddl;
}

struct IndexSpec {
    std::string name;
    std::vector<std::string> columns;
    bool unique = false;
};

std::vector<IndexSpec> index_specs(const EntityType& type) {
    std::vector<IndexSpec> specs;
    for (const auto& f : type.fields()) {
        if (f.system) continue;
        const auto cols = columns_of(f.name, f.type);
        if (cols.empty()) continue;
        // Reference columns are always indexed: lists are filtered by their parent.
        if (f.unique || f.indexed || is_reference(f.type)) {
            specs.push_back({SchemaSync::index_name(type.name(), f.name + (f.unique ? "_uq" : "")), {cols[0].name},
                             f.unique});
        }
    }
    for (const auto& idx : type.indexes) {
        IndexSpec spec{SchemaSync::index_name(type.name(), idx.name), {}, idx.unique};
        for (const auto& name : idx.fields) {
            const FieldDef* f = type.field(name);
            if (f) spec.columns.push_back(columns_of(f->name, f->type).front().name);
        }
        specs.push_back(std::move(spec));
    }
    return specs;
}

std::string create_index_ddl(const Dialect& d, const EntityType& type, const IndexSpec& spec) {
    std::string cols;
    for (const auto& c : spec.columns) cols += (cols.empty() ? "" : ", ") + d.quote(c);
    return std::string("CREATE ") + (spec.unique ? "UNIQUE " : "") + "INDEX IF NOT EXISTS " + d.quote(spec.name) +
           " ON " + d.quote(type.table()) + " (" + cols + ")";
}

std::string create_link_table_ddl(const Dialect& d, const EntityType& type, const FieldDef& f) {
    return "CREATE TABLE IF NOT EXISTS " + d.quote(SchemaSync::link_table(type, f)) +
           " (record_id BIGINT NOT NULL REFERENCES " + d.quote(type.table()) +
           " (id) ON DELETE CASCADE, target_id BIGINT NOT NULL, position INTEGER NOT NULL, "
           "PRIMARY KEY (record_id, target_id))";
}

std::string link_index_ddl(const Dialect& d, const EntityType& type, const FieldDef& f) {
    return "CREATE INDEX IF NOT EXISTS " + d.quote(SchemaSync::index_name(type.name(), f.name + "_target")) + " ON " +
           d.quote(SchemaSync::link_table(type, f)) + " (target_id)";
}

// Runs one DDL step and records it, so the history of the schema is visible.
void run(Connection& conn, std::vector<std::string>& log, const std::string& id, const std::string& statement) {
    conn.exec_raw(statement);
    storage::Migrator::record(conn, id, statement.substr(0, 500));
    log.push_back(statement);
}

}  // namespace

std::string SchemaSync::link_table(const EntityType& type, const FieldDef& field) {
    return type.table() + "__" + field.name;
}

std::string SchemaSync::index_name(const std::string& type, const std::string& suffix) {
    std::string name = "ix_" + type + "_" + suffix;
    if (name.size() <= 63) return name;
    Poco::Crypto::DigestEngine sha("SHA256");
    sha.update(name);
    return name.substr(0, 52) + "_" + Poco::Crypto::DigestEngine::digestToHex(sha.digest()).substr(0, 10);
}

std::vector<std::string> SchemaSync::add_field(Connection& conn, const EntityType& type, const FieldDef& f) {
    const Dialect& d = conn.dialect();
    std::vector<std::string> log;
    const std::string prefix = "type:" + type.name() + "/";
    for (const auto& c : columns_of(f.name, f.type)) {
        run(conn, log, prefix + "column/" + c.name,
            "ALTER TABLE " + d.quote(type.table()) + " ADD COLUMN " + column_ddl(d, f, c));
    }
    if (is_multi_valued(f.type)) {
        run(conn, log, prefix + "link/" + f.name, create_link_table_ddl(d, type, f));
        run(conn, log, prefix + "link_index/" + f.name, link_index_ddl(d, type, f));
    }
    const auto cols = columns_of(f.name, f.type);
    if (!cols.empty() && (f.unique || f.indexed || is_reference(f.type))) {
        IndexSpec spec{index_name(type.name(), f.name + (f.unique ? "_uq" : "")), {cols[0].name}, f.unique};
        run(conn, log, prefix + "index/" + spec.name, create_index_ddl(d, type, spec));
    }
    return log;
}

std::vector<std::string> SchemaSync::sync(const EntityType& type) {
    std::vector<std::string> log;
    db_.write([&](storage::Transaction& tx) {
        Connection& conn = tx.conn();
        const Dialect& d = conn.dialect();
        const std::string prefix = "type:" + type.name() + "/";
        auto existing_columns = d.table_columns(conn, type.table());
        std::set<std::string> existing(existing_columns.begin(), existing_columns.end());
        if (existing.empty()) {
            std::string ddl = "CREATE TABLE " + d.quote(type.table()) + " (";
            bool first = true;
            for (const auto& f : type.fields()) {
                for (const auto& c : columns_of(f.name, f.type)) {
                    ddl += (first ? "" : ", ") + column_ddl(d, f, c);
                    first = false;
                }
            }
            run(conn, log, prefix + "create", ddl + ")");
        } else {
            for (const auto& f : type.fields()) {
                for (const auto& c : columns_of(f.name, f.type)) {
                    if (!existing.count(c.name)) {
                        run(conn, log, prefix + "column/" + c.name,
                            "ALTER TABLE " + d.quote(type.table()) + " ADD COLUMN " + column_ddl(d, f, c));
                    }
                }
            }
        }
        auto applied = [&](const std::string& id) {
            return conn.query_int(storage::SqlFragment("SELECT COUNT(*) FROM schema_migrations WHERE id = ").bind(id))
                       .value_or(0) > 0;
        };
        for (const auto& f : type.fields()) {
            if (!is_multi_valued(f.type) || applied(prefix + "link/" + f.name)) continue;
            run(conn, log, prefix + "link/" + f.name, create_link_table_ddl(d, type, f));
            run(conn, log, prefix + "link_index/" + f.name, link_index_ddl(d, type, f));
        }
        for (const auto& spec : index_specs(type)) {
            if (!applied(prefix + "index/" + spec.name)) run(conn, log, prefix + "index/" + spec.name, create_index_ddl(d, type, spec));
        }
        if (!type.search_fields.empty() && !applied(prefix + "search")) {
            for (const auto& statement : d.create_search_index(type.table())) conn.exec_raw(statement);
            storage::Migrator::record(conn, prefix + "search", "full-text index");
            log.push_back("full-text index for " + type.name());
        }
    });
    return log;
}

}  // namespace orbita::kernel::entity
