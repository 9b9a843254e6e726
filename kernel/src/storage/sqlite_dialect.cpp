// SPDX-License-Identifier: Apache-2.0
// SQLite: WAL, foreign keys, busy timeout; FTS5 with unicode61 for Cyrillic search.
#include "storage/connection.hpp"
#include "storage/dialect.hpp"
#include "storage/sqlite_functions.hpp"

struct sqlite3;

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace orbita::kernel::storage {

namespace {

class SqliteDialect final : public Dialect {
public:
    explicit SqliteDialect(int busy_timeout_ms) : busy_timeout_ms_(busy_timeout_ms) {}

    std::string_view name() const override { return "sqlite"; }

    std::string column_type(ColumnType type) const override {
        switch (type) {
            case ColumnType::BigInt:
            case ColumnType::Bool: return "INTEGER";
            case ColumnType::Double: return "REAL";
            default: return "TEXT";
        }
    }

    std::string id_column() const override { return "\"id\" INTEGER PRIMARY KEY AUTOINCREMENT"; }

    std::string select_expr(const std::string& column, ColumnType) const override { return column; }

    std::string nulls_smallest(bool) const override { return ""; }  // SQLite's default order

    std::string lower(const std::string& expr) const override { return "orbita_lower(" + expr + ")"; }

    std::string contains(const std::string& haystack, const std::string& needle) const override {
        return "instr(" + haystack + ", " + needle + ") > 0";
    }

    SqlFragment date_bucket(const std::string& expr, bool is_datetime, DateBucket bucket,
                            const std::string& time_zone) const override {
        // Each use of the base expression binds the zone again: SQLite has no variables.
        auto base = [&](SqlFragment& f) -> SqlFragment& {
            if (is_datetime) return f.sql("orbita_local(" + expr + ", ").bind(time_zone).sql(")");
            return f.sql(expr);
        };
        SqlFragment f;
        switch (bucket) {
            case DateBucket::Day: base(f.sql("strftime('%Y-%m-%d', ")).sql(")"); break;
            case DateBucket::Week:
                base(f.sql("date(")).sql(", '-' || ((CAST(strftime('%w', ");
                base(f).sql(") AS INTEGER) + 6) % 7) || ' days')");
                break;
            case DateBucket::Month: base(f.sql("strftime('%Y-%m', ")).sql(")"); break;
            case DateBucket::Quarter:
                base(f.sql("strftime('%Y', ")).sql(") || '-Q' || ((CAST(strftime('%m', ");
                base(f).sql(") AS INTEGER) + 2) / 3)");
                break;
            case DateBucket::Year: base(f.sql("strftime('%Y', ")).sql(")"); break;
        }
        return f;
    }

    std::vector<std::string> create_search_index(const std::string& table) const override {
        return {"CREATE VIRTUAL TABLE IF NOT EXISTS " + quote(table + "__fts") +
                " USING fts5(doc, tokenize = 'unicode61 remove_diacritics 2')"};
    }

    void write_search_document(Connection& conn, const std::string& table, std::int64_t id,
                               const std::string& document) const override {
        const std::string fts = quote(table + "__fts");
        conn.exec(SqlFragment("DELETE FROM " + fts + " WHERE rowid = ").bind(id));
        if (!document.empty()) {
            conn.exec(SqlFragment("INSERT INTO " + fts + "(rowid, doc) VALUES (").bind(id).sql(", ").bind(document).sql(")"));
        }
    }

    SqlFragment search_predicate(const std::string& table, const std::string& alias,
                                 const std::vector<std::string>& words) const override {
        std::string match;
        for (const auto& w : words) {
            if (!match.empty()) match += ' ';
            match += '"';
            for (char c : w) match += (c == '"') ? std::string("\"\"") : std::string(1, c);
            match += "\"*";
        }
        const std::string fts = quote(table + "__fts");
        return SqlFragment(alias + ".\"id\" IN (SELECT rowid FROM " + fts + " WHERE " + fts + " MATCH ")
            .bind(match)
            .sql(")");
    }

    std::vector<std::string> table_columns(Connection& conn, const std::string& table) const override {
        std::vector<std::string> names;
        for (auto& row : conn.query(SqlFragment("SELECT name FROM pragma_table_info(").bind(table).sql(")"),
                                    {ReadKind::Text})) {
            names.push_back(std::get<std::string>(row[0]));
        }
        return names;
    }

    std::string skip_locked() const override { return ""; }
    std::string begin_write() const override { return "BEGIN IMMEDIATE"; }

    void acquire_migration_lock(Connection&) const override {}
    void release_migration_lock(Connection&) const override {}

    void on_connect(soci::session& session) const override {
        session << "PRAGMA journal_mode = WAL";
        session << "PRAGMA synchronous = NORMAL";
        session << "PRAGMA foreign_keys = ON";
        session << "PRAGMA busy_timeout = " + std::to_string(busy_timeout_ms_);
        session << "PRAGMA temp_store = MEMORY";
        session << "PRAGMA cache_size = -32000";
        session << "PRAGMA mmap_size = 268435456";
        auto* backend = static_cast<soci::sqlite3_session_backend*>(session.get_backend());
        // Grow the database file 8 MiB at a time instead of page by page: each growth
        // makes every session remap its memory map (mmap_size above) at its next read,
        // and under a steady stream of inserts the unmapping was a visible share of the
        // write cost (TLB shootdowns across all server threads).
        int chunk_bytes = 8 * 1024 * 1024;
        sqlite_api::sqlite3_file_control(backend->conn_, "main", SQLITE_FCNTL_CHUNK_SIZE, &chunk_bytes);
        register_sqlite_functions(reinterpret_cast<sqlite3*>(backend->conn_));
    }

    SqlErrorKind classify(const soci::soci_error& error) const override {
        const std::string what = error.what();
        if (what.find("UNIQUE constraint failed") != std::string::npos) return SqlErrorKind::UniqueViolation;
        if (what.find("FOREIGN KEY constraint failed") != std::string::npos) return SqlErrorKind::ForeignKeyViolation;
        if (what.find("NOT NULL constraint failed") != std::string::npos) return SqlErrorKind::NotNullViolation;
        if (what.find("database is locked") != std::string::npos || what.find("busy") != std::string::npos)
            return SqlErrorKind::Busy;
        return SqlErrorKind::Other;
    }

private:
    int busy_timeout_ms_;
};

}  // namespace

std::unique_ptr<Dialect> make_sqlite_dialect(int busy_timeout_ms) {
    return std::make_unique<SqliteDialect>(busy_timeout_ms);
}

}  // namespace orbita::kernel::storage
