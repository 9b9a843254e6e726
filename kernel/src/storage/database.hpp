// SPDX-License-Identifier: Apache-2.0
// The SOCI session pool, read leases and write transactions with after-commit hooks.
#pragma once

#include "storage/connection.hpp"
#include "storage/database_url.hpp"
#include "storage/dialect.hpp"

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <vector>

namespace soci {
class connection_pool;
}

namespace orbita::kernel::storage {

/// Pool sizing and timeouts (config section `database`).
struct DatabaseOptions {
    int pool_size = 8;
    int busy_timeout_ms = 5000;
    int lease_timeout_ms = 10000;
};

/// A write transaction in progress. Work that must happen only if the transaction
/// commits (events, notifications) is queued with `after_commit`.
class Transaction {
public:
    explicit Transaction(Connection& conn) : conn_(conn) {}
    Connection& conn() { return conn_; }
    /// Runs `fn` after a successful commit of the outermost transaction, in order.
    void after_commit(std::function<void()> fn) { hooks_.push_back(std::move(fn)); }
    /// Runs `fn` once the outermost transaction has ended, committed or rolled back:
    /// for records that must survive a rollback (the audit entry of a refused write).
    void after_end(std::function<void()> fn) { end_hooks_.push_back(std::move(fn)); }

private:
    friend class Database;
    Connection& conn_;
    std::vector<std::function<void()>> hooks_;
    std::vector<std::function<void()>> end_hooks_;
    int savepoints_ = 0;  ///< savepoints open now (names are numbered by depth)
};

/// Owns the connection pool of one database. SQLite writes are serialised in-process
/// on a session kept for writing, so concurrent requests queue instead of failing
/// with SQLITE_BUSY, and writers that queue up share one commit (GroupCommit: the
/// work runs on its writer thread, each in its own savepoint, acknowledged only once
/// committed; see core::ThreadContext for thread-local state); PostgreSQL writes run
/// concurrently on pooled sessions, each in its own transaction.
///
/// A `write` nested in another `write` (or a `read` inside a `write`) on the same
/// thread joins the outer transaction, so services compose without deadlock.
class GroupCommit;

class Database {
public:
    Database(const DatabaseUrl& url, const DatabaseOptions& options);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Backend backend() const { return url_.backend; }
    const Dialect& dialect() const { return *dialect_; }
    const DatabaseUrl& url() const { return url_; }

    /// Runs `fn` on a leased connection (autocommit reads).
    void with_read(const std::function<void(Connection&)>& fn);
    /// Runs `fn` inside a transaction: commit on return, rollback on exception.
    void with_write(const std::function<void(Transaction&)>& fn);

    /// Runs `fn` now, or, inside a write transaction of this thread, as soon as that
    /// transaction has ended (whether it commits or rolls back).
    void when_done(std::function<void()> fn);

    /// True while this thread is inside a write transaction of this database (a
    /// `write` called now would join it instead of starting its own).
    bool in_write() const { return current_transaction() != nullptr; }

    /// Runs `fn` inside a savepoint of the current write transaction of this thread:
    /// when `fn` throws, its writes are rolled back to the savepoint, the after-commit
    /// hooks it queued are dropped (its events never happened) and the exception
    /// propagates, while the enclosing transaction stays usable. For work that may fail
    /// on its own inside a larger transaction: one robot of several, a nested Lua run.
    /// Throws std::logic_error outside a write transaction.
    void with_savepoint(const std::function<void(Transaction&)>& fn);

    /// Value-returning forms of `with_read` / `with_write`.
    template <class F>
    auto read(F&& fn) {
        using R = std::invoke_result_t<F, Connection&>;
        if constexpr (std::is_void_v<R>) {
            with_read(std::forward<F>(fn));
        } else {
            std::optional<R> out;
            with_read([&](Connection& c) { out.emplace(fn(c)); });
            return std::move(*out);
        }
    }
    template <class F>
    auto write(F&& fn) {
        using R = std::invoke_result_t<F, Transaction&>;
        if constexpr (std::is_void_v<R>) {
            with_write(std::forward<F>(fn));
        } else {
            std::optional<R> out;
            with_write([&](Transaction& t) { out.emplace(fn(t)); });
            return std::move(*out);
        }
    }

private:
    class Lease;
    /// Connects a pooled session to this database (without the dialect's settings).
    void open_session(soci::session& session) const;
    Transaction* current_transaction() const;
    void write_in_group(const std::function<void(Transaction&)>& fn);

    DatabaseUrl url_;
    DatabaseOptions options_;
    std::unique_ptr<Dialect> dialect_;
    std::unique_ptr<soci::connection_pool> pool_;
    /// Per pool position: connected once (a lost one reconnects; a never-opened one
    /// opens on its first lease). Written only by the lease holding that position.
    std::unique_ptr<char[]> opened_;
    /// Prepared statements of each pooled session (same index); declared after the
    /// pool so they are destroyed before the sessions they belong to.
    std::vector<std::unique_ptr<StatementCache>> caches_;
    /// SQLite: the session all write transactions use, through `group_commit_`.
    std::unique_ptr<soci::session> writer_session_;
    std::unique_ptr<StatementCache> writer_cache_;
    std::unique_ptr<Connection> writer_conn_;
    std::unique_ptr<GroupCommit> group_commit_;
};

}  // namespace orbita::kernel::storage
