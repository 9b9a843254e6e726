// SPDX-License-Identifier: Apache-2.0
// One leased database session with typed helpers for parameterised statements.
#pragma once

#include "storage/column_type.hpp"
#include "storage/sql_fragment.hpp"

#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace soci {
class session;
}

namespace orbita::kernel::storage {

class Dialect;

using Row = std::vector<SqlValue>;

/// The prepared statements of one pooled session, reused from request to request.
///
/// Preparing is most of the cost of a small statement: SQLite parses and plans the SQL
/// (a record's select list has dozens of columns), and SOCI's PostgreSQL backend pays
/// three round trips (PREPARE, EXECUTE, DEALLOCATE) for every one-off statement. The
/// kernel builds the same texts again and again (one per type and operation), so each
/// session keeps the most recently used ones, keyed by SQL text and the shape of its
/// parameters and result columns, and only binds new values.
///
/// Owned by `Database`, one per pooled session, and used only by the lease holder.
class StatementCache {
public:
    /// At most `capacity` statements are kept; the least recently used goes first.
    explicit StatementCache(std::size_t capacity = 64);
    ~StatementCache();
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;

    /// Drops every statement; required before the session reconnects, since the
    /// statements refer to the old connection.
    void clear();
    /// Finalises statements discarded after an error. Called when the session is leased
    /// (never inside a transaction, where PostgreSQL may refuse the DEALLOCATE).
    void collect();
    std::size_t size() const { return lru_.size(); }

private:
    friend class Connection;
    struct Entry;

    Entry* find(const std::string& key);
    Entry* insert(std::unique_ptr<Entry> entry);
    /// Removes a statement that failed: its state is unknown, so it is not reused.
    void discard(Entry* entry);

    std::size_t capacity_;
    std::list<std::unique_ptr<Entry>> lru_;  // most recently used first
    std::unordered_map<std::string, std::list<std::unique_ptr<Entry>>::iterator> index_;
    std::vector<std::unique_ptr<Entry>> discarded_;
};

/// A SOCI session plus its dialect. Valid only inside `Database::read/write`.
/// All statements are parameterised (`SqlFragment`); database errors propagate as
/// `soci::soci_error` and are classified by the caller through the dialect.
class Connection {
public:
    /// `cache` (may be null) keeps prepared statements of this session between leases.
    Connection(soci::session& session, const Dialect& dialect, StatementCache* cache = nullptr);

    const Dialect& dialect() const { return dialect_; }
    soci::session& session() { return session_; }

    /// Runs a statement that returns no rows; answers the number of affected rows.
    std::int64_t exec(const SqlFragment& statement);
    /// Runs trusted SQL text without parameters (DDL, pragmas).
    void exec_raw(std::string_view sql);
    /// Runs a query and reads every row, each column as `kinds[i]`.
    std::vector<Row> query(const SqlFragment& query, const std::vector<ReadKind>& kinds);
    /// The first row of a query, if any.
    std::optional<Row> query_one(const SqlFragment& query, const std::vector<ReadKind>& kinds);
    /// The first column of the first row as an integer, if any and not null.
    std::optional<std::int64_t> query_int(const SqlFragment& query);
    /// Runs `fn` (reads only) so that its statements see one snapshot of the database.
    /// On SQLite outside a transaction this wraps them in one read transaction, which
    /// is also cheaper than a transaction per statement; elsewhere it just runs `fn`.
    void read_consistently(const std::function<void()>& fn);

private:
    class Use;
    template <class Fn>
    auto run(const SqlFragment& statement, const std::vector<ReadKind>& kinds, Fn&& fn);

    soci::session& session_;
    const Dialect& dialect_;
    StatementCache* cache_;
    bool sqlite_;
};

}  // namespace orbita::kernel::storage
