// SPDX-License-Identifier: Apache-2.0
#include "jobs/job_store.hpp"

#include "storage/dialect.hpp"

#include <algorithm>
#include <tuple>

namespace orbita::kernel::jobs {

using storage::ReadKind;
using storage::Row;
using storage::SqlFragment;
using storage::SqlValue;

namespace {

std::string columns(const storage::Dialect& d) {
    return "id, kind, " + d.select_expr("payload", storage::ColumnType::Json) +
           ", state, due_at, attempts, max_attempts, lease_owner, lease_until, last_error, idempotency_key,"
           " interval_ms, created_at, updated_at, finished_at";
}

const std::vector<ReadKind>& column_kinds() {
    static const std::vector<ReadKind> kinds = {ReadKind::Int,  ReadKind::Text, ReadKind::Text, ReadKind::Text,
                                                ReadKind::Int,  ReadKind::Int,  ReadKind::Int,  ReadKind::Text,
                                                ReadKind::Int,  ReadKind::Text, ReadKind::Text, ReadKind::Int,
                                                ReadKind::Int,  ReadKind::Int,  ReadKind::Int};
    return kinds;
}

std::string text(const SqlValue& v) { return storage::as_text(v).value_or(""); }
std::int64_t integer(const SqlValue& v) { return storage::as_int(v).value_or(0); }
std::optional<TimePoint> maybe_time(const SqlValue& v) {
    auto ms = storage::as_int(v);
    return ms ? std::optional<TimePoint>(from_millis(*ms)) : std::nullopt;
}

JobRecord decode(const Row& r) {
    JobRecord j;
    j.id = integer(r[0]);
    j.kind = text(r[1]);
    j.payload = nlohmann::json::parse(text(r[2]), nullptr, false);
    j.state = parse_job_state(text(r[3])).value_or(JobState::Dead);
    j.due_at = from_millis(integer(r[4]));
    j.attempts = static_cast<int>(integer(r[5]));
    j.max_attempts = static_cast<int>(integer(r[6]));
    j.lease_owner = text(r[7]);
    j.lease_until = maybe_time(r[8]);
    j.last_error = text(r[9]);
    j.idempotency_key = text(r[10]);
    if (auto ms = storage::as_int(r[11])) j.interval = std::chrono::milliseconds(*ms);
    j.created_at = from_millis(integer(r[12]));
    j.updated_at = from_millis(integer(r[13]));
    j.finished_at = maybe_time(r[14]);
    return j;
}

SqlValue key_or_null(const std::string& key) { return key.empty() ? SqlValue{} : SqlValue(key); }

// The lease-checked update every finishing transition shares: `set` is the SET list.
bool update_leased(storage::Connection& conn, SqlFragment set, std::int64_t id, const std::string& owner) {
    set.sql(", lease_owner = NULL, lease_until = NULL WHERE id = ").bind(id);
    set.sql(" AND state = 'running' AND lease_owner = ").bind(owner);
    return conn.exec(SqlFragment("UPDATE jobs SET ").append(set)) == 1;
}

}  // namespace

ScheduleResult JobStore::insert(storage::Connection& conn, const NewJob& job, TimePoint now) {
    const std::int64_t at = to_millis(now);
    SqlFragment q("INSERT INTO jobs (kind, payload, state, due_at, attempts, max_attempts, idempotency_key,"
                  " interval_ms, created_at, updated_at) VALUES (");
    q.bind(job.kind).sql(", ").bind(job.payload.dump()).sql(", 'pending', ").bind(to_millis(job.due));
    q.sql(", 0, ").bind(std::int64_t{job.max_attempts}).sql(", ").bind(key_or_null(job.idempotency_key)).sql(", ");
    q.bind(job.interval ? SqlValue(std::int64_t{job.interval->count()}) : SqlValue{});
    q.sql(", ").bind(at).sql(", ").bind(at).sql(") ON CONFLICT (kind, idempotency_key) DO NOTHING RETURNING id");
    if (auto id = conn.query_int(q)) return {*id, true};
    auto existing = conn.query_int(SqlFragment("SELECT id FROM jobs WHERE kind = ")
                                       .bind(job.kind)
                                       .sql(" AND idempotency_key = ")
                                       .bind(job.idempotency_key));
    if (!existing) throw std::logic_error("job " + job.kind + "/" + job.idempotency_key + " conflicted but is absent");
    return {*existing, false};
}

std::vector<JobRecord> JobStore::claim(const std::string& owner, TimePoint now, TimePoint lease_until, int limit) {
    // An idle node asks with a cheap read first instead of opening a write transaction
    // on every poll (SQLite serialises writers; PostgreSQL would lock nothing anyway).
    const bool any_due = db_.read([&](storage::Connection& conn) {
        return conn.query_int(SqlFragment("SELECT 1 FROM jobs WHERE state = 'pending' AND due_at <= ")
                                  .bind(to_millis(now))
                                  .sql(" LIMIT 1"))
            .has_value();
    });
    if (!any_due) return {};
    return db_.write([&](storage::Transaction& tx) {
        auto& conn = tx.conn();
        SqlFragment q("UPDATE jobs SET state = 'running', lease_owner = ");
        q.bind(owner).sql(", lease_until = ").bind(to_millis(lease_until));
        q.sql(", attempts = attempts + 1, updated_at = ").bind(to_millis(now));
        q.sql(" WHERE id IN (SELECT id FROM jobs WHERE state = 'pending' AND due_at <= ").bind(to_millis(now));
        q.sql(" ORDER BY due_at LIMIT ").bind(std::int64_t{limit}).sql(conn.dialect().skip_locked());
        q.sql(") RETURNING " + columns(conn.dialect()));
        std::vector<JobRecord> jobs;
        for (const auto& row : conn.query(q, column_kinds())) jobs.push_back(decode(row));
        std::sort(jobs.begin(), jobs.end(), [](const JobRecord& a, const JobRecord& b) {
            return std::tie(a.due_at, a.id) < std::tie(b.due_at, b.id);
        });
        return jobs;
    });
}

std::int64_t JobStore::reclaim_expired(TimePoint now) {
    return db_.write([&](storage::Transaction& tx) {
        const auto at = to_millis(now);
        return tx.conn().exec(SqlFragment("UPDATE jobs SET state = 'pending', due_at = ")
                                  .bind(at)
                                  .sql(", updated_at = ")
                                  .bind(at)
                                  .sql(", last_error = 'lease expired: worker ' || COALESCE(lease_owner, '?') ||"
                                       " ' stopped before finishing', lease_owner = NULL, lease_until = NULL"
                                       " WHERE state = 'running' AND lease_until < ")
                                  .bind(at));
    });
}

bool JobStore::release(storage::Connection& conn, std::int64_t id, const std::string& owner, TimePoint now) {
    return update_leased(conn, SqlFragment("state = 'pending', attempts = attempts - 1, updated_at = ").bind(to_millis(now)),
                         id, owner);
}

bool JobStore::complete(storage::Connection& conn, std::int64_t id, const std::string& owner, TimePoint now) {
    const auto at = to_millis(now);
    return update_leased(conn, SqlFragment("state = 'done', updated_at = ").bind(at).sql(", finished_at = ").bind(at), id,
                         owner);
}

bool JobStore::rearm(storage::Connection& conn, std::int64_t id, const std::string& owner, TimePoint next_due,
                     const std::string& error, TimePoint now) {
    SqlFragment set("state = 'pending', due_at = ");
    set.bind(to_millis(next_due)).sql(", updated_at = ").bind(to_millis(now));
    if (error.empty()) {
        set.sql(", attempts = 0, last_error = NULL");
    } else {
        set.sql(", last_error = ").bind(error);
    }
    return update_leased(conn, std::move(set), id, owner);
}

bool JobStore::retry_later(storage::Connection& conn, std::int64_t id, const std::string& owner, TimePoint due,
                           const std::string& error, TimePoint now) {
    SqlFragment set("state = 'pending', due_at = ");
    set.bind(to_millis(due)).sql(", updated_at = ").bind(to_millis(now)).sql(", last_error = ").bind(error);
    return update_leased(conn, std::move(set), id, owner);
}

bool JobStore::mark_dead(storage::Connection& conn, std::int64_t id, const std::string& owner, const std::string& error,
                         TimePoint now) {
    const auto at = to_millis(now);
    SqlFragment set("state = 'dead', updated_at = ");
    set.bind(at).sql(", finished_at = ").bind(at).sql(", last_error = ").bind(error);
    return update_leased(conn, std::move(set), id, owner);
}

std::optional<JobRecord> JobStore::get(storage::Connection& conn, std::int64_t id) {
    auto row = conn.query_one(SqlFragment("SELECT " + columns(conn.dialect()) + " FROM jobs WHERE id = ").bind(id),
                              column_kinds());
    if (!row) return std::nullopt;
    return decode(*row);
}

std::vector<JobRecord> JobStore::list(const JobFilter& filter) {
    return db_.read([&](storage::Connection& conn) {
        SqlFragment q("SELECT " + columns(conn.dialect()) + " FROM jobs WHERE 1 = 1");
        if (filter.state) q.sql(" AND state = ").bind(std::string(to_string(*filter.state)));
        if (!filter.kind.empty()) q.sql(" AND kind = ").bind(filter.kind);
        if (filter.before_id) q.sql(" AND id < ").bind(*filter.before_id);
        q.sql(" ORDER BY id DESC LIMIT ").bind(std::int64_t{filter.limit});
        std::vector<JobRecord> out;
        for (const auto& row : conn.query(q, column_kinds())) out.push_back(decode(row));
        return out;
    });
}

bool JobStore::requeue(storage::Connection& conn, std::int64_t id, TimePoint now) {
    const auto at = to_millis(now);
    return conn.exec(SqlFragment("UPDATE jobs SET state = 'pending', due_at = ")
                         .bind(at)
                         .sql(", attempts = 0, finished_at = NULL, lease_owner = NULL, lease_until = NULL, updated_at = ")
                         .bind(at)
                         .sql(" WHERE id = ")
                         .bind(id)
                         .sql(" AND state IN ('pending', 'dead', 'cancelled')")) == 1;
}

bool JobStore::cancel(storage::Connection& conn, std::int64_t id, TimePoint now) {
    const auto at = to_millis(now);
    return conn.exec(SqlFragment("UPDATE jobs SET state = 'cancelled', finished_at = ")
                         .bind(at)
                         .sql(", updated_at = ")
                         .bind(at)
                         .sql(" WHERE id = ")
                         .bind(id)
                         .sql(" AND state IN ('pending', 'dead')")) == 1;
}

bool JobStore::cancel_pending(storage::Connection& conn, const std::string& kind, const std::string& idempotency_key,
                              TimePoint now) {
    const auto at = to_millis(now);
    return conn.exec(SqlFragment("UPDATE jobs SET state = 'cancelled', finished_at = ")
                         .bind(at)
                         .sql(", updated_at = ")
                         .bind(at)
                         .sql(" WHERE kind = ")
                         .bind(kind)
                         .sql(" AND idempotency_key = ")
                         .bind(idempotency_key)
                         .sql(" AND state = 'pending'")) == 1;
}

void JobStore::set_interval(storage::Connection& conn, std::int64_t id, std::chrono::milliseconds interval) {
    conn.exec(SqlFragment("UPDATE jobs SET interval_ms = ").bind(std::int64_t{interval.count()}).sql(" WHERE id = ").bind(id));
}

std::int64_t JobStore::purge(TimePoint before) {
    return db_.write([&](storage::Transaction& tx) {
        return tx.conn().exec(SqlFragment("DELETE FROM jobs WHERE state IN ('done', 'cancelled') AND finished_at < ")
                                  .bind(to_millis(before)));
    });
}

std::vector<std::pair<std::string, std::int64_t>> JobStore::count_by_state() {
    return db_.read([&](storage::Connection& conn) {
        std::vector<std::pair<std::string, std::int64_t>> out;
        for (const auto& row : conn.query(SqlFragment("SELECT state, COUNT(*) FROM jobs GROUP BY state ORDER BY state"),
                                          {ReadKind::Text, ReadKind::Int})) {
            out.emplace_back(text(row[0]), integer(row[1]));
        }
        return out;
    });
}

}  // namespace orbita::kernel::jobs
