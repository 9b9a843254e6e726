// SPDX-License-Identifier: Apache-2.0
// Everything that differs between SQLite and PostgreSQL, in one place.
#pragma once

#include "storage/column_type.hpp"
#include "storage/sql_fragment.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace soci {
class session;
class soci_error;
}  // namespace soci

namespace orbita::kernel::storage {

class Connection;

/// A database error sorted into the few classes the kernel reacts to.
enum class SqlErrorKind { UniqueViolation, ForeignKeyViolation, NotNullViolation, Busy, Other };

/// Date buckets for aggregation.
enum class DateBucket { Day, Week, Month, Quarter, Year };

/// The SQL dialect of one backend. Stateless; one instance per Database.
class Dialect {
public:
    virtual ~Dialect() = default;

    /// "sqlite" or "postgresql".
    virtual std::string_view name() const = 0;
    /// A double-quoted identifier. Callers pass only names validated by a schema.
    std::string quote(std::string_view identifier) const;

    /// DDL type of a stored column.
    virtual std::string column_type(ColumnType type) const = 0;
    /// DDL of the auto-increment 64-bit primary key column named `id`.
    virtual std::string id_column() const = 0;
    /// An expression that reads `column` in the shape `read_kind(type)` expects
    /// (PostgreSQL renders timestamps and dates as ISO text).
    virtual std::string select_expr(const std::string& column, ColumnType type) const = 0;
    /// " NULLS FIRST" / " NULLS LAST" so both backends sort NULL as the smallest value.
    virtual std::string nulls_smallest(bool descending) const = 0;

    /// Unicode-aware lower case of an SQL expression.
    virtual std::string lower(const std::string& expr) const = 0;
    /// Expression true when text `haystack` contains text `needle` (both expressions).
    virtual std::string contains(const std::string& haystack, const std::string& needle) const = 0;
    /// A date bucket label ('2024-03-15', '2024-W11' as Monday date, '2024-03', '2024-Q1', '2024')
    /// of `expr`; datetimes are first moved into the time zone bound as the next parameter.
    virtual SqlFragment date_bucket(const std::string& expr, bool is_datetime, DateBucket bucket,
                                    const std::string& time_zone) const = 0;

    /// Statements creating the full-text index of table `table` (document per row id).
    virtual std::vector<std::string> create_search_index(const std::string& table) const = 0;
    /// Stores `document` as the searchable text of row `id` of `table`.
    virtual void write_search_document(Connection& conn, const std::string& table, std::int64_t id,
                                       const std::string& document) const = 0;
    /// A predicate on `<alias>.id` matching rows whose document matches every word of
    /// `words` as a prefix, case-insensitively (Cyrillic included).
    virtual SqlFragment search_predicate(const std::string& table, const std::string& alias,
                                         const std::vector<std::string>& words) const = 0;

    /// Names of the columns of `table`, empty if the table does not exist.
    virtual std::vector<std::string> table_columns(Connection& conn, const std::string& table) const = 0;
    /// Appended to a SELECT that picks rows to claim: PostgreSQL locks them and skips
    /// rows another transaction holds (" FOR UPDATE SKIP LOCKED"), so several nodes
    /// claim disjoint jobs without waiting; SQLite needs nothing (one writer at a time).
    virtual std::string skip_locked() const = 0;
    /// Statement that starts a write transaction.
    virtual std::string begin_write() const = 0;
    /// Serialises schema changes across processes (PostgreSQL advisory lock held by
    /// `conn` until `release_migration_lock`); SQLite needs none (one writer at a time).
    virtual void acquire_migration_lock(Connection& conn) const = 0;
    virtual void release_migration_lock(Connection& conn) const = 0;
    /// Prepares a freshly opened connection (pragmas, time zone, functions).
    virtual void on_connect(soci::session& session) const = 0;
    /// Sorts a database error.
    virtual SqlErrorKind classify(const soci::soci_error& error) const = 0;
};

std::unique_ptr<Dialect> make_sqlite_dialect(int busy_timeout_ms);
std::unique_ptr<Dialect> make_postgres_dialect();

}  // namespace orbita::kernel::storage
