// SPDX-License-Identifier: Apache-2.0
#include "storage/database.hpp"

#include "core/problem.hpp"
#include "storage/group_commit.hpp"

#include <soci/connection-pool.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <optional>
#include <stdexcept>

namespace orbita::kernel::storage {

namespace {

struct ActiveTransaction {
    const Database* owner = nullptr;
    Transaction* tx = nullptr;
};
thread_local ActiveTransaction t_active;

std::string sqlite_connect_string(const std::string& path) {
    // SOCI's sqlite3 backend parses "db=..." with quoting for paths containing spaces.
    return "db=\"" + path + "\"";
}

}  // namespace

/// A pooled session leased for the duration of one read or transaction.
class Database::Lease {
public:
    explicit Lease(Database& db) : pool_(*db.pool_) {
        if (!pool_.try_lease(position_, db.options_.lease_timeout_ms)) {
            throw Problem(503, "database-busy", "Service unavailable",
                          "no database connection became free in time; retry later");
        }
        cache_ = db.caches_.at(position_).get();
        soci::session& session = pool_.at(position_);
        if (!session.is_connected()) {
            // Only this lease holds the position, so its flag is ours to change.
            if (db.opened_[position_]) {
                spdlog::warn("database connection {} was lost; reconnecting", position_);
                cache_->clear();  // its statements belong to the lost connection
                session.reconnect();
            } else {
                db.open_session(session);
                db.opened_[position_] = 1;
            }
            db.dialect_->on_connect(session);
        }
    }
    ~Lease() { pool_.give_back(position_); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    soci::session& session() { return pool_.at(position_); }
    StatementCache* cache() { return cache_; }

private:
    soci::connection_pool& pool_;
    std::size_t position_ = 0;
    StatementCache* cache_ = nullptr;
};

Database::Database(const DatabaseUrl& url, const DatabaseOptions& options) : url_(url), options_(options) {
    // One connection may hold the migration lock while another migrates.
    if (options_.pool_size < 2) options_.pool_size = 2;
    dialect_ = url_.backend == Backend::Sqlite ? make_sqlite_dialect(options_.busy_timeout_ms)
                                               : make_postgres_dialect();
    pool_ = std::make_unique<soci::connection_pool>(static_cast<std::size_t>(options_.pool_size));
    opened_ = std::make_unique<char[]>(static_cast<std::size_t>(options_.pool_size));
    for (int i = 0; i < options_.pool_size; ++i) caches_.push_back(std::make_unique<StatementCache>());
    // One connection now, so a wrong URL or password fails here; the others on their
    // first lease (each costs a few milliseconds that a cold start need not wait for).
    open_session(pool_->at(0));
    dialect_->on_connect(pool_->at(0));
    opened_[0] = 1;
    if (url_.backend == Backend::Sqlite) {
        // SQLite has one writer at a time anyway (sqlite_writer_), so writes get a
        // session of their own: its page cache stays warm, whereas a pooled session
        // drops its whole cache whenever another session has written since its last
        // transaction, and every write would start by reading its b-tree pages again.
        writer_session_ = std::make_unique<soci::session>(soci::sqlite3, sqlite_connect_string(url_.sqlite_path));
        dialect_->on_connect(*writer_session_);
        writer_cache_ = std::make_unique<StatementCache>();
        writer_conn_ = std::make_unique<Connection>(*writer_session_, *dialect_, writer_cache_.get());
        group_commit_ = std::make_unique<GroupCommit>(*writer_conn_);
    }
}

Database::~Database() = default;

void Database::open_session(soci::session& session) const {
    if (url_.backend == Backend::Sqlite) {
        session.open(soci::sqlite3, sqlite_connect_string(url_.sqlite_path));
    } else {
        session.open(soci::postgresql, url_.postgres_conninfo);
    }
}

Transaction* Database::current_transaction() const {
    return t_active.owner == this ? t_active.tx : nullptr;
}

void Database::with_read(const std::function<void(Connection&)>& fn) {
    if (Transaction* tx = current_transaction()) {
        fn(tx->conn());
        return;
    }
    Lease lease(*this);
    Connection conn(lease.session(), *dialect_, lease.cache());
    fn(conn);
}

void Database::when_done(std::function<void()> fn) {
    if (Transaction* tx = current_transaction()) {
        tx->after_end(std::move(fn));
    } else {
        fn();
    }
}

namespace {

void run_hooks(std::vector<std::function<void()>>& hooks, const char* what) {
    for (auto& hook : hooks) {
        try {
            hook();
        } catch (const std::exception& e) {
            spdlog::error("{} hook failed: {}", what, e.what());
        }
    }
}

}  // namespace

void Database::with_write(const std::function<void(Transaction&)>& fn) {
    if (Transaction* outer = current_transaction()) {
        fn(*outer);
        return;
    }
    if (group_commit_) {
        write_in_group(fn);
        return;
    }
    Lease lease(*this);
    Connection conn(lease.session(), *dialect_, lease.cache());
    Transaction tx(conn);
    conn.exec_raw(dialect_->begin_write());
    t_active = {this, &tx};
    try {
        fn(tx);
        t_active = {};
        conn.exec_raw("COMMIT");
    } catch (...) {
        t_active = {};
        try {
            conn.exec_raw("ROLLBACK");
        } catch (const std::exception& e) {
            spdlog::error("rollback failed: {}", e.what());
        }
        run_hooks(tx.end_hooks_, "transaction-end");
        throw;
    }
    run_hooks(tx.hooks_, "after-commit");
    run_hooks(tx.end_hooks_, "transaction-end");
}

void Database::with_savepoint(const std::function<void(Transaction&)>& fn) {
    Transaction* tx = current_transaction();
    if (!tx) throw std::logic_error("with_savepoint needs a write transaction on this thread");
    const std::string name = "orbita_sp" + std::to_string(++tx->savepoints_);
    const std::size_t hooks = tx->hooks_.size();
    try {
        tx->conn().exec_raw("SAVEPOINT " + name);
        fn(*tx);
        tx->conn().exec_raw("RELEASE SAVEPOINT " + name);
    } catch (...) {
        --tx->savepoints_;
        tx->hooks_.resize(hooks);
        try {
            tx->conn().exec_raw("ROLLBACK TO SAVEPOINT " + name);
            tx->conn().exec_raw("RELEASE SAVEPOINT " + name);
        } catch (const std::exception& e) {
            // The transaction itself is gone (connection lost): the caller's write fails.
            spdlog::error("rolling back savepoint {} failed: {}", name, e.what());
            throw;
        }
        throw;
    }
    --tx->savepoints_;
}

void Database::write_in_group(const std::function<void(Transaction&)>& fn) {
    std::optional<Transaction> tx;
    try {
        group_commit_->run([&](Connection& conn) {
            tx.emplace(conn);
            t_active = {this, &*tx};
            try {
                fn(*tx);
            } catch (...) {
                t_active = {};
                throw;
            }
            t_active = {};
        });
    } catch (...) {
        // Rolled back, or its batch failed to commit: only the end hooks run.
        if (tx) run_hooks(tx->end_hooks_, "transaction-end");
        throw;
    }
    run_hooks(tx->hooks_, "after-commit");
    run_hooks(tx->end_hooks_, "transaction-end");
}

}  // namespace orbita::kernel::storage
