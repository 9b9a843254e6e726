// SPDX-License-Identifier: Apache-2.0
#include "outbox/outbox_store.hpp"

#include "jobs/job.hpp"
#include "storage/dialect.hpp"

#include <stdexcept>

namespace orbita::kernel::outbox {

using jobs::from_millis;
using jobs::to_millis;
using storage::ReadKind;
using storage::SqlFragment;
using storage::SqlValue;

namespace {

std::string columns(const storage::Dialect& d) {
    return "id, channel, " + d.select_expr("payload", storage::ColumnType::Json) +
           ", state, idempotency_key, attempts, last_error, job_id, created_at, updated_at, sent_at";
}

const std::vector<ReadKind>& column_kinds() {
    static const std::vector<ReadKind> kinds = {ReadKind::Int,  ReadKind::Text, ReadKind::Text, ReadKind::Text,
                                                ReadKind::Text, ReadKind::Int,  ReadKind::Text, ReadKind::Int,
                                                ReadKind::Int,  ReadKind::Int,  ReadKind::Int};
    return kinds;
}

OutboxMessage decode(const storage::Row& r) {
    auto text = [](const SqlValue& v) { return storage::as_text(v).value_or(""); };
    auto integer = [](const SqlValue& v) { return storage::as_int(v).value_or(0); };
    OutboxMessage m;
    m.id = integer(r[0]);
    m.channel = text(r[1]);
    m.payload = nlohmann::json::parse(text(r[2]), nullptr, false);
    m.state = text(r[3]);
    m.idempotency_key = text(r[4]);
    m.attempts = static_cast<int>(integer(r[5]));
    m.last_error = text(r[6]);
    m.job_id = integer(r[7]);
    m.created_at = from_millis(integer(r[8]));
    m.updated_at = from_millis(integer(r[9]));
    if (auto sent = storage::as_int(r[10])) m.sent_at = from_millis(*sent);
    return m;
}

}  // namespace

EnqueueResult OutboxStore::insert(storage::Connection& conn, const std::string& channel, const nlohmann::json& payload,
                                  const std::string& idempotency_key, TimePoint now) {
    const auto at = to_millis(now);
    SqlFragment q("INSERT INTO outbox (channel, payload, state, idempotency_key, attempts, created_at, updated_at) VALUES (");
    q.bind(channel).sql(", ").bind(payload.dump()).sql(", 'pending', ").bind(idempotency_key);
    q.sql(", 0, ").bind(at).sql(", ").bind(at).sql(") ON CONFLICT (channel, idempotency_key) DO NOTHING RETURNING id");
    if (auto id = conn.query_int(q)) return {*id, true};
    auto existing = conn.query_int(
        SqlFragment("SELECT id FROM outbox WHERE channel = ").bind(channel).sql(" AND idempotency_key = ").bind(idempotency_key));
    if (!existing) throw std::logic_error("outbox message " + channel + "/" + idempotency_key + " conflicted but is absent");
    return {*existing, false};
}

void OutboxStore::set_job(storage::Connection& conn, std::int64_t id, std::int64_t job_id) {
    conn.exec(SqlFragment("UPDATE outbox SET job_id = ").bind(job_id).sql(" WHERE id = ").bind(id));
}

std::optional<OutboxMessage> OutboxStore::get(storage::Connection& conn, std::int64_t id) {
    auto row = conn.query_one(SqlFragment("SELECT " + columns(conn.dialect()) + " FROM outbox WHERE id = ").bind(id),
                              column_kinds());
    if (!row) return std::nullopt;
    return decode(*row);
}

std::vector<OutboxMessage> OutboxStore::list(storage::Connection& conn, const OutboxFilter& filter) {
    SqlFragment q("SELECT " + columns(conn.dialect()) + " FROM outbox WHERE 1 = 1");
    if (!filter.state.empty()) q.sql(" AND state = ").bind(filter.state);
    if (!filter.channel.empty()) q.sql(" AND channel = ").bind(filter.channel);
    if (filter.before_id) q.sql(" AND id < ").bind(*filter.before_id);
    q.sql(" ORDER BY id DESC LIMIT ").bind(std::int64_t{filter.limit});
    std::vector<OutboxMessage> out;
    for (const auto& row : conn.query(q, column_kinds())) out.push_back(decode(row));
    return out;
}

void OutboxStore::mark_sent(storage::Connection& conn, std::int64_t id, int attempts, TimePoint now) {
    const auto at = to_millis(now);
    conn.exec(SqlFragment("UPDATE outbox SET state = 'sent', attempts = ")
                  .bind(std::int64_t{attempts})
                  .sql(", sent_at = ")
                  .bind(at)
                  .sql(", updated_at = ")
                  .bind(at)
                  .sql(" WHERE id = ")
                  .bind(id));
}

namespace {

// A failed delivery attempt of a pending message: counted, and (`state_sql`) possibly
// ended for good.
void write_failure(storage::Connection& conn, const std::string& state_sql, std::int64_t id, int attempts,
                   const std::string& error, std::int64_t now_ms) {
    conn.exec(SqlFragment("UPDATE outbox SET " + state_sql + "attempts = ")
                  .bind(std::int64_t{attempts})
                  .sql(", last_error = ")
                  .bind(error)
                  .sql(", updated_at = ")
                  .bind(now_ms)
                  .sql(" WHERE id = ")
                  .bind(id)
                  .sql(" AND state = 'pending'"));
}

}  // namespace

void OutboxStore::record_failure(storage::Connection& conn, std::int64_t id, int attempts, const std::string& error,
                                 TimePoint now) {
    write_failure(conn, "", id, attempts, error, to_millis(now));
}

void OutboxStore::mark_failed(storage::Connection& conn, std::int64_t id, int attempts, const std::string& error,
                              TimePoint now) {
    write_failure(conn, "state = 'failed', ", id, attempts, error, to_millis(now));
}

bool OutboxStore::reopen(storage::Connection& conn, std::int64_t id, TimePoint now) {
    return conn.exec(SqlFragment("UPDATE outbox SET state = 'pending', updated_at = ")
                         .bind(to_millis(now))
                         .sql(" WHERE id = ")
                         .bind(id)
                         .sql(" AND state = 'failed'")) == 1;
}

std::vector<std::pair<std::string, std::int64_t>> OutboxStore::count_by_state(storage::Connection& conn) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    for (const auto& row : conn.query(SqlFragment("SELECT state, COUNT(*) FROM outbox GROUP BY state ORDER BY state"),
                                      {ReadKind::Text, ReadKind::Int})) {
        out.emplace_back(storage::as_text(row[0]).value_or(""), storage::as_int(row[1]).value_or(0));
    }
    return out;
}

}  // namespace orbita::kernel::outbox
