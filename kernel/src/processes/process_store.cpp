// SPDX-License-Identifier: Apache-2.0
#include "processes/process_store.hpp"

#include "jobs/job.hpp"
#include "storage/dialect.hpp"

#include <algorithm>

namespace orbita::kernel::processes {

using jobs::from_millis;
using jobs::to_millis;
using storage::ReadKind;
using storage::SqlFragment;
using storage::SqlValue;

namespace {

std::string columns(const storage::Dialect& d) {
    auto json = [&d](const char* column) { return d.select_expr(column, storage::ColumnType::Json); };
    return "SELECT id, process, script_id, script_version, status, step, " + json("vars") +
           ", record_type, record_id, run_as_id, run_as, seq, chain, " + json("wake") +
           ", wake_at, wait_event, wait_key, " + json("wait_filter") + ", timeout_step, " + json("error") +
           ", started_by, created_at, updated_at, finished_at FROM process_instances";
}

const std::vector<ReadKind> kKinds = {
    ReadKind::Int,  ReadKind::Text, ReadKind::Int,  ReadKind::Int,  ReadKind::Text, ReadKind::Text, ReadKind::Text,
    ReadKind::Text, ReadKind::Int,  ReadKind::Int,  ReadKind::Text, ReadKind::Int,  ReadKind::Int,  ReadKind::Text,
    ReadKind::Int,  ReadKind::Text, ReadKind::Text, ReadKind::Text, ReadKind::Text, ReadKind::Text, ReadKind::Text,
    ReadKind::Int,  ReadKind::Int,  ReadKind::Int};

std::string text(const SqlValue& v) { return storage::as_text(v).value_or(""); }
std::int64_t integer(const SqlValue& v) { return storage::as_int(v).value_or(0); }
nlohmann::json json_of(const SqlValue& v) {
    return storage::is_null(v) ? nlohmann::json() : nlohmann::json::parse(text(v), nullptr, false);
}
SqlValue json_value(const nlohmann::json& j) { return j.is_null() ? SqlValue{} : SqlValue(j.dump()); }
SqlValue text_or_null(const std::string& s) { return s.empty() ? SqlValue{} : SqlValue(s); }
SqlValue time_or_null(const std::optional<TimePoint>& t) { return t ? SqlValue(to_millis(*t)) : SqlValue{}; }

ProcessInstance decode(const storage::Row& r) {
    ProcessInstance p;
    p.id = integer(r[0]);
    p.process = text(r[1]);
    p.script_id = integer(r[2]);
    p.script_version = integer(r[3]);
    p.status = text(r[4]);
    p.step = text(r[5]);
    p.vars = json_of(r[6]);
    if (!storage::is_null(r[7])) p.record = lua::RecordRef{text(r[7]), integer(r[8])};
    p.run_as_id = integer(r[9]);
    p.run_as = text(r[10]);
    p.seq = integer(r[11]);
    p.chain = static_cast<int>(integer(r[12]));
    p.wake = json_of(r[13]);
    if (auto at = storage::as_int(r[14])) p.wake_at = from_millis(*at);
    p.wait_event = text(r[15]);
    p.wait_key = text(r[16]);
    p.wait_filter = json_of(r[17]);
    p.timeout_step = text(r[18]);
    p.error = json_of(r[19]);
    p.started_by = text(r[20]);
    p.created_at = from_millis(integer(r[21]));
    p.updated_at = from_millis(integer(r[22]));
    if (auto at = storage::as_int(r[23])) p.finished_at = from_millis(*at);
    return p;
}

}  // namespace

std::int64_t ProcessStore::insert(storage::Connection& conn, const ProcessInstance& p) {
    SqlFragment q("INSERT INTO process_instances (process, script_id, script_version, status, step, vars, record_type,"
                  " record_id, run_as_id, run_as, seq, chain, wake, started_by, created_at, updated_at) VALUES (");
    q.bind(p.process).sql(", ").bind(p.script_id).sql(", ").bind(p.script_version).sql(", ").bind(p.status);
    q.sql(", ").bind(p.step).sql(", ").bind(p.vars.dump()).sql(", ");
    q.bind(p.record ? SqlValue(p.record->type) : SqlValue{}).sql(", ").bind(p.record ? SqlValue(p.record->id) : SqlValue{});
    q.sql(", ").bind(p.run_as_id).sql(", ").bind(p.run_as).sql(", ").bind(p.seq).sql(", ").bind(std::int64_t{p.chain});
    q.sql(", ").bind(json_value(p.wake)).sql(", ").bind(p.started_by).sql(", ").bind(to_millis(p.created_at)).sql(", ").bind(to_millis(p.updated_at));
    q.sql(") RETURNING id");
    return *conn.query_int(q);
}

std::optional<ProcessInstance> ProcessStore::get(storage::Connection& conn, std::int64_t id) {
    auto row = conn.query_one(SqlFragment(columns(conn.dialect()) + " WHERE id = ").bind(id), kKinds);
    if (!row) return std::nullopt;
    return decode(*row);
}

std::vector<ProcessInstance> ProcessStore::list(storage::Connection& conn, const InstanceFilter& f) {
    SqlFragment q(columns(conn.dialect()) + " WHERE 1 = 1");
    if (!f.process.empty()) q.sql(" AND process = ").bind(f.process);
    if (!f.status.empty()) q.sql(" AND status = ").bind(f.status);
    if (f.record) q.sql(" AND record_type = ").bind(f.record->type).sql(" AND record_id = ").bind(f.record->id);
    if (f.before_id) q.sql(" AND id < ").bind(*f.before_id);
    q.sql(" ORDER BY id DESC LIMIT ").bind(std::int64_t{f.limit});
    std::vector<ProcessInstance> out;
    for (const auto& row : conn.query(q, kKinds)) out.push_back(decode(row));
    return out;
}

std::vector<ProcessInstance> ProcessStore::waiting_for(storage::Connection& conn, const std::string& name,
                                                       const std::vector<std::string>& keys) {
    // One equality lookup per key, joined with UNION ALL: both columns of the waits
    // index are then index conditions on both backends (with `wait_key IN (...)`
    // PostgreSQL without statistics scans every wait for the event name, and an ORDER
    // BY makes SQLite walk the status index instead). Sorted here.
    SqlFragment q;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        q.sql(i ? " UNION ALL " : "").sql(columns(conn.dialect()));
        q.sql(" WHERE status = 'waiting' AND wait_event = ").bind(name).sql(" AND wait_key = ").bind(keys[i]);
    }
    std::vector<ProcessInstance> out;
    for (const auto& row : conn.query(q, kKinds)) out.push_back(decode(row));
    std::sort(out.begin(), out.end(), [](const ProcessInstance& a, const ProcessInstance& b) { return a.id < b.id; });
    return out;
}

bool ProcessStore::update(storage::Connection& conn, const ProcessInstance& n, std::int64_t expected_seq,
                          const std::string& expected_status) {
    SqlFragment q("UPDATE process_instances SET script_version = ");
    q.bind(n.script_version).sql(", status = ").bind(n.status).sql(", step = ").bind(n.step);
    q.sql(", vars = ").bind(n.vars.dump()).sql(", seq = ").bind(n.seq).sql(", chain = ").bind(std::int64_t{n.chain});
    q.sql(", wake = ").bind(json_value(n.wake)).sql(", wake_at = ").bind(time_or_null(n.wake_at));
    q.sql(", wait_event = ").bind(text_or_null(n.wait_event)).sql(", wait_key = ").bind(n.wait_event.empty() ? SqlValue{} : SqlValue(n.wait_key));
    q.sql(", wait_filter = ").bind(json_value(n.wait_filter)).sql(", timeout_step = ").bind(text_or_null(n.timeout_step));
    q.sql(", error = ").bind(json_value(n.error)).sql(", updated_at = ").bind(to_millis(n.updated_at));
    q.sql(", finished_at = ").bind(time_or_null(n.finished_at));
    q.sql(" WHERE id = ").bind(n.id).sql(" AND seq = ").bind(expected_seq).sql(" AND status = ").bind(expected_status);
    return conn.exec(q) == 1;
}

void ProcessStore::add_step(storage::Connection& conn, const StepRecord& s) {
    SqlFragment q("INSERT INTO process_steps (instance_id, seq, step, outcome, detail, started_at, duration_us) VALUES (");
    q.bind(s.instance_id).sql(", ").bind(s.seq).sql(", ").bind(s.step).sql(", ").bind(s.outcome);
    q.sql(", ").bind(json_value(s.detail)).sql(", ").bind(to_millis(s.started_at)).sql(", ").bind(s.duration_us).sql(")");
    conn.exec(q);
}

nlohmann::json ProcessStore::steps(storage::Connection& conn, std::int64_t instance_id, int limit) {
    SqlFragment q("SELECT id, seq, step, outcome, " + conn.dialect().select_expr("detail", storage::ColumnType::Json) +
                  ", started_at, duration_us FROM process_steps WHERE instance_id = ");
    q.bind(instance_id).sql(" ORDER BY id DESC LIMIT ").bind(std::int64_t{limit});
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : conn.query(q, {ReadKind::Int, ReadKind::Int, ReadKind::Text, ReadKind::Text, ReadKind::Text,
                                        ReadKind::Int, ReadKind::Int})) {
        nlohmann::json line = {{"seq", integer(r[1])},
                               {"step", text(r[2])},
                               {"outcome", text(r[3])},
                               {"detail", json_of(r[4])},
                               {"at", format_utc(from_millis(integer(r[5])))},
                               {"duration_us", integer(r[6])}};
        out.insert(out.begin(), std::move(line));
    }
    return out;
}

}  // namespace orbita::kernel::processes
