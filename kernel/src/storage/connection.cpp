// SPDX-License-Identifier: Apache-2.0
#include "storage/connection.hpp"

#include "storage/dialect.hpp"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <deque>

namespace orbita::kernel::storage {

namespace {

// Holds the storage SOCI binds to by reference while the statement lives.
// std::deque keeps element addresses stable while we append.
struct Bindings {
    std::deque<long long> ints;
    std::deque<double> reals;
    std::deque<std::string> texts;
    std::deque<soci::indicator> indicators;

    // Creates one slot per parameter and binds it. A null is a text slot with i_null.
    void use_all(soci::statement& st, const std::vector<SqlValue>& params) {
        for (const auto& p : params) {
            if (auto i = std::get_if<std::int64_t>(&p)) {
                st.exchange(soci::use(ints.emplace_back(*i), indicators.emplace_back(soci::i_ok)));
            } else if (auto d = std::get_if<double>(&p)) {
                st.exchange(soci::use(reals.emplace_back(*d), indicators.emplace_back(soci::i_ok)));
            } else if (auto s = std::get_if<std::string>(&p)) {
                st.exchange(soci::use(texts.emplace_back(*s), indicators.emplace_back(soci::i_ok)));
            } else {
                st.exchange(soci::use(texts.emplace_back(), indicators.emplace_back(soci::i_null)));
            }
        }
    }

    // Stores new values in the slots `use_all` made. The parameters have the same
    // shape (the cache key includes it), so the slots are walked in the same order;
    // SOCI reads the slots and indicators again on every execution.
    void assign(const std::vector<SqlValue>& params) {
        std::size_t i = 0, r = 0, t = 0, n = 0;
        for (const auto& p : params) {
            soci::indicator& ind = indicators[n++];
            ind = soci::i_ok;
            if (auto v = std::get_if<std::int64_t>(&p)) {
                ints[i++] = *v;
            } else if (auto d = std::get_if<double>(&p)) {
                reals[r++] = *d;
            } else if (auto s = std::get_if<std::string>(&p)) {
                texts[t++] = *s;
            } else {
                texts[t++].clear();
                ind = soci::i_null;
            }
        }
    }
};

// Typed output slots for one row.
struct Outputs {
    std::vector<ReadKind> kinds;
    std::deque<long long> ints;
    std::deque<double> reals;
    std::deque<std::string> texts;
    std::deque<soci::indicator> indicators;
    std::vector<std::size_t> slot;  // index into the deque of the column's kind

    void into_all(soci::statement& st) {
        for (ReadKind k : kinds) {
            soci::indicator& ind = indicators.emplace_back(soci::i_ok);
            switch (k) {
                case ReadKind::Int:
                    slot.push_back(ints.size());
                    st.exchange(soci::into(ints.emplace_back(0), ind));
                    break;
                case ReadKind::Real:
                    slot.push_back(reals.size());
                    st.exchange(soci::into(reals.emplace_back(0.0), ind));
                    break;
                case ReadKind::Text:
                    slot.push_back(texts.size());
                    st.exchange(soci::into(texts.emplace_back(), ind));
                    break;
            }
        }
    }

    // Takes the values of the current row; the text slots are moved out because the
    // next fetch overwrites them anyway.
    Row take_row() {
        Row r;
        r.reserve(kinds.size());
        for (std::size_t i = 0; i < kinds.size(); ++i) {
            if (indicators[i] == soci::i_null) {
                r.emplace_back(std::monostate{});
                continue;
            }
            switch (kinds[i]) {
                case ReadKind::Int: r.emplace_back(static_cast<std::int64_t>(ints[slot[i]])); break;
                case ReadKind::Real: r.emplace_back(reals[slot[i]]); break;
                case ReadKind::Text: r.emplace_back(std::move(texts[slot[i]])); break;
            }
        }
        return r;
    }
};

// The cache key: the SQL text plus the shape of the parameters and of the result
// columns, since the slots a statement binds are fixed when it is prepared.
std::string cache_key(const SqlFragment& statement, const std::vector<ReadKind>& kinds) {
    std::string key;
    key.reserve(statement.text().size() + statement.params().size() + kinds.size() + 2);
    key += statement.text();
    key += '\0';
    for (const auto& p : statement.params()) key += "nids"[p.index()];
    key += '\0';
    for (ReadKind k : kinds) key += k == ReadKind::Int ? 'I' : k == ReadKind::Real ? 'R' : 'T';
    return key;
}

}  // namespace

// A prepared statement with the slots its parameters and result columns are bound to.
struct StatementCache::Entry {
    explicit Entry(soci::session& session, std::string cache_key) : key(std::move(cache_key)), st(session) {}
    std::string key;
    soci::statement st;
    Bindings bindings;
    Outputs outputs;
};

StatementCache::StatementCache(std::size_t capacity) : capacity_(capacity < 1 ? 1 : capacity) {}

StatementCache::~StatementCache() { clear(); }

void StatementCache::clear() {
    index_.clear();
    lru_.clear();
    discarded_.clear();
}

void StatementCache::collect() { discarded_.clear(); }

StatementCache::Entry* StatementCache::find(const std::string& key) {
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    lru_.splice(lru_.begin(), lru_, it->second);  // iterators stay valid
    return lru_.front().get();
}

StatementCache::Entry* StatementCache::insert(std::unique_ptr<Entry> entry) {
    if (lru_.size() >= capacity_) {
        index_.erase(lru_.back()->key);
        lru_.pop_back();
    }
    Entry* e = entry.get();
    lru_.push_front(std::move(entry));
    index_.emplace(e->key, lru_.begin());
    return e;
}

void StatementCache::discard(Entry* entry) {
    auto it = index_.find(entry->key);
    if (it == index_.end()) return;
    discarded_.push_back(std::move(*it->second));
    lru_.erase(it->second);
    index_.erase(it);
}

Connection::Connection(soci::session& session, const Dialect& dialect, StatementCache* cache)
    : session_(session), dialect_(dialect), cache_(cache), sqlite_(dialect.name() == "sqlite") {
    // A lease starts outside any transaction: the moment to finalise statements
    // discarded after errors (a PostgreSQL DEALLOCATE fails in an aborted transaction).
    if (cache_) cache_->collect();
}

// Prepares `statement` (or takes it from the cache with new values bound), runs
// `fn(entry)` and leaves the statement ready for reuse.
template <class Fn>
auto Connection::run(const SqlFragment& statement, const std::vector<ReadKind>& kinds, Fn&& fn) {
    std::unique_ptr<StatementCache::Entry> uncached;
    StatementCache::Entry* e = nullptr;
    std::string key;
    if (cache_) {
        key = cache_key(statement, kinds);
        e = cache_->find(key);
    }
    if (e) {
        e->bindings.assign(statement.params());
    } else {
        auto fresh = std::make_unique<StatementCache::Entry>(session_, std::move(key));
        fresh->outputs.kinds = kinds;
        fresh->outputs.into_all(fresh->st);
        fresh->bindings.use_all(fresh->st, statement.params());
        fresh->st.alloc();
        // A statement that is not kept is sent once (PostgreSQL: one round trip
        // instead of PREPARE, EXECUTE and DEALLOCATE).
        fresh->st.prepare(statement.soci_text(),
                          cache_ ? soci::details::st_repeatable_query : soci::details::st_one_time_query);
        fresh->st.define_and_bind();
        if (cache_) {
            e = cache_->insert(std::move(fresh));
        } else {
            uncached = std::move(fresh);
            e = uncached.get();
        }
    }
    try {
        auto result = fn(*e);
        if (sqlite_) {
            // Reading stopped at SQLITE_DONE, but only a reset guarantees the statement
            // holds no read snapshot while it waits in the cache (a snapshot would keep
            // the WAL from being checkpointed).
            auto* backend = static_cast<soci::sqlite3_statement_backend*>(e->st.get_backend());
            sqlite_api::sqlite3_reset(backend->stmt_);
        }
        return result;
    } catch (...) {
        if (!uncached) cache_->discard(e);
        // SQLite finalises locally at once; PostgreSQL waits for the next lease.
        if (sqlite_ && cache_) cache_->collect();
        throw;
    }
}

std::int64_t Connection::exec(const SqlFragment& statement) {
    static const std::vector<ReadKind> none;
    return run(statement, none, [](StatementCache::Entry& e) -> std::int64_t {
        e.st.execute(true);
        return e.st.get_affected_rows();
    });
}

void Connection::exec_raw(std::string_view sql) { session_ << std::string(sql); }

std::vector<Row> Connection::query(const SqlFragment& query, const std::vector<ReadKind>& kinds) {
    return run(query, kinds, [](StatementCache::Entry& e) {
        std::vector<Row> rows;
        if (e.st.execute(true)) {
            do {
                rows.push_back(e.outputs.take_row());
            } while (e.st.fetch());
        }
        return rows;
    });
}

void Connection::read_consistently(const std::function<void()>& fn) {
    // Only SQLite, and only outside a transaction: there each statement would otherwise
    // be its own read transaction (WAL locks, file checks); PostgreSQL would pay two
    // more round trips for the same guarantee, and a transaction already has it.
    auto* db = sqlite_ ? static_cast<soci::sqlite3_session_backend*>(session_.get_backend())->conn_ : nullptr;
    if (!db || !sqlite_api::sqlite3_get_autocommit(db)) {
        fn();
        return;
    }
    exec(SqlFragment("BEGIN"));
    try {
        fn();
    } catch (...) {
        // Nothing was written; ending the read transaction cannot lose anything.
        try {
            exec(SqlFragment("ROLLBACK"));
        } catch (const std::exception&) {
        }
        throw;
    }
    exec(SqlFragment("COMMIT"));
}

std::optional<Row> Connection::query_one(const SqlFragment& query, const std::vector<ReadKind>& kinds) {
    auto rows = this->query(query, kinds);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

std::optional<std::int64_t> Connection::query_int(const SqlFragment& query) {
    auto row = query_one(query, {ReadKind::Int});
    if (!row || is_null((*row)[0])) return std::nullopt;
    return std::get<std::int64_t>((*row)[0]);
}

}  // namespace orbita::kernel::storage
