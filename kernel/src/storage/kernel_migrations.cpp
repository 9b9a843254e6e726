// SPDX-License-Identifier: Apache-2.0
#include "storage/kernel_migrations.hpp"

#include "storage/dialect.hpp"

namespace orbita::kernel::storage {

namespace {

std::vector<std::string> core_tables(const Dialect& d) {
    const std::string ts = d.column_type(ColumnType::Timestamp);
    const std::string json = d.column_type(ColumnType::Json);
    return {
        // Who changed which fields of which record; also the write audit trail.
        "CREATE TABLE record_history (" + d.id_column() +
            ", entity_type TEXT NOT NULL, record_id BIGINT NOT NULL, version BIGINT NOT NULL, action TEXT NOT NULL,"
            " actor_id BIGINT, at " + ts + " NOT NULL, changes " + json + " NOT NULL)",
        "CREATE INDEX record_history_record ON record_history (entity_type, record_id, id)",
        // Gap-free counters for autonumber fields: incremented inside the creating transaction.
        "CREATE TABLE autonumber_counters (entity_type TEXT NOT NULL, field TEXT NOT NULL, scope_key TEXT NOT NULL,"
        " last_value BIGINT NOT NULL, PRIMARY KEY (entity_type, field, scope_key))",
        // Fields added by administrators at run time; their columns are added by ALTER TABLE.
        "CREATE TABLE entity_custom_fields (entity_type TEXT NOT NULL, name TEXT NOT NULL, definition " + json +
            " NOT NULL, created_at " + ts + " NOT NULL, created_by BIGINT, PRIMARY KEY (entity_type, name))",
        // Uploaded files: content lives on disk under its sha256, metadata here.
        "CREATE TABLE files (" + d.id_column() +
            ", sha256 TEXT NOT NULL, name TEXT NOT NULL, content_type TEXT NOT NULL, size BIGINT NOT NULL,"
            " uploaded_by BIGINT, uploaded_at " + ts + " NOT NULL)",
        "CREATE INDEX files_sha256 ON files (sha256)",
    };
}

}  // namespace

const std::vector<Migration>& kernel_migrations() {
    static const std::vector<Migration> migrations = {
        {"kernel/0001_core", "record history, autonumber counters, custom fields, files", core_tables},
    };
    return migrations;
}

}  // namespace orbita::kernel::storage
