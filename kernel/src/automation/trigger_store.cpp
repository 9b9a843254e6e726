// SPDX-License-Identifier: Apache-2.0
#include "automation/trigger_store.hpp"

#include "storage/dialect.hpp"

namespace orbita::kernel::automation {

using storage::ReadKind;
using storage::SqlFragment;
using storage::as_int;
using storage::as_text;

namespace {

std::string columns(const storage::Dialect& d) {
    return "SELECT id, entity_type, pipeline_id, stage_id, name, kind, " + d.select_expr("config", storage::ColumnType::Json) +
           ", secret_hash, allow_backward, run_as, enabled, created_by, created_at, updated_at FROM triggers ";
}

const std::vector<ReadKind> kKinds = {ReadKind::Int, ReadKind::Text, ReadKind::Int, ReadKind::Int, ReadKind::Text,
                                      ReadKind::Text, ReadKind::Text, ReadKind::Text, ReadKind::Int, ReadKind::Int,
                                      ReadKind::Int, ReadKind::Int, ReadKind::Int, ReadKind::Int};

std::vector<Trigger> load(storage::Connection& conn, const SqlFragment& where) {
    std::vector<Trigger> out;
    for (const auto& r : conn.query(SqlFragment(columns(conn.dialect())).append(where), kKinds)) {
        Trigger t;
        t.id = *as_int(r[0]);
        t.entity_type = *as_text(r[1]);
        t.pipeline_id = *as_int(r[2]);
        t.stage_id = *as_int(r[3]);
        t.name = *as_text(r[4]);
        t.kind = *as_text(r[5]);
        t.config = nlohmann::json::parse(as_text(r[6]).value_or("{}"), nullptr, false);
        t.secret_hash = as_text(r[7]).value_or("");
        t.allow_backward = as_int(r[8]).value_or(0) != 0;
        t.run_as = as_int(r[9]).value_or(0);
        t.enabled = as_int(r[10]).value_or(1) != 0;
        t.created_by = as_int(r[11]).value_or(0);
        t.created_at = as_int(r[12]).value_or(0);
        t.updated_at = as_int(r[13]).value_or(0);
        out.push_back(std::move(t));
    }
    return out;
}

storage::SqlValue text_or_null(const std::string& s) { return s.empty() ? storage::SqlValue{} : storage::SqlValue{s}; }

}  // namespace

std::optional<Trigger> TriggerStore::find(storage::Connection& conn, std::int64_t id) {
    auto list = load(conn, SqlFragment("WHERE id = ").bind(id));
    if (list.empty()) return std::nullopt;
    return std::move(list.front());
}

std::vector<Trigger> TriggerStore::enabled(storage::Connection& conn) { return load(conn, SqlFragment("WHERE enabled = 1 ORDER BY id")); }

std::vector<Trigger> TriggerStore::of_type(storage::Connection& conn, const std::string& type) {
    return load(conn, SqlFragment("WHERE entity_type = ").bind(type).sql(" ORDER BY id"));
}

std::vector<Trigger> TriggerStore::of_pipeline(storage::Connection& conn, std::int64_t pipeline_id) {
    return load(conn, SqlFragment("WHERE pipeline_id = ").bind(pipeline_id).sql(" ORDER BY id"));
}

std::int64_t TriggerStore::insert(storage::Connection& conn, const Trigger& t) {
    return *conn.query_int(SqlFragment("INSERT INTO triggers (entity_type, pipeline_id, stage_id, name, kind, config, secret_hash,"
                                       " allow_backward, run_as, enabled, created_by, created_at, updated_at) VALUES (")
                               .bind(t.entity_type).sql(", ").bind(t.pipeline_id).sql(", ").bind(t.stage_id).sql(", ").bind(t.name)
                               .sql(", ").bind(t.kind).sql(", ").bind(t.config.dump()).sql(", ").bind(text_or_null(t.secret_hash))
                               .sql(", ").bind(std::int64_t{t.allow_backward}).sql(", ").bind(t.run_as).sql(", ")
                               .bind(std::int64_t{t.enabled}).sql(", ").bind(t.created_by).sql(", ").bind(t.created_at).sql(", ")
                               .bind(t.updated_at).sql(") RETURNING id"));
}

void TriggerStore::update(storage::Connection& conn, const Trigger& t) {
    conn.exec(SqlFragment("UPDATE triggers SET name = ").bind(t.name).sql(", config = ").bind(t.config.dump())
                  .sql(", secret_hash = ").bind(text_or_null(t.secret_hash)).sql(", allow_backward = ").bind(std::int64_t{t.allow_backward})
                  .sql(", run_as = ").bind(t.run_as).sql(", enabled = ").bind(std::int64_t{t.enabled})
                  .sql(", updated_at = ").bind(t.updated_at).sql(" WHERE id = ").bind(t.id));
}

void TriggerStore::remove(storage::Connection& conn, std::int64_t id) { conn.exec(SqlFragment("DELETE FROM triggers WHERE id = ").bind(id)); }

void TriggerStore::insert_run(storage::Connection& conn, const TriggerRun& u) {
    conn.exec(SqlFragment("INSERT INTO trigger_runs (trigger_id, entity_type, record_id, event, at, result, depth, error) VALUES (")
                  .bind(u.trigger_id).sql(", ").bind(u.entity_type).sql(", ").bind(u.record_id ? storage::SqlValue{u.record_id} : storage::SqlValue{})
                  .sql(", ").bind(u.event).sql(", ").bind(u.at).sql(", ").bind(u.result).sql(", ").bind(std::int64_t{u.depth})
                  .sql(", ").bind(text_or_null(u.error)).sql(")"));
}

std::vector<TriggerRun> TriggerStore::runs_of(storage::Connection& conn, std::int64_t trigger_id, int limit, std::int64_t before) {
    SqlFragment q("SELECT id, trigger_id, entity_type, record_id, event, at, result, depth, error FROM trigger_runs WHERE trigger_id = ");
    q.bind(trigger_id);
    if (before > 0) q.sql(" AND id < ").bind(before);
    q.sql(" ORDER BY id DESC LIMIT ").bind(std::int64_t{limit});
    std::vector<TriggerRun> out;
    for (const auto& r : conn.query(q, {ReadKind::Int, ReadKind::Int, ReadKind::Text, ReadKind::Int, ReadKind::Text, ReadKind::Int,
                                        ReadKind::Text, ReadKind::Int, ReadKind::Text})) {
        out.push_back({*as_int(r[0]), *as_int(r[1]), *as_text(r[2]), as_int(r[3]).value_or(0), *as_text(r[4]), *as_int(r[5]),
                       *as_text(r[6]), static_cast<int>(as_int(r[7]).value_or(0)), as_text(r[8]).value_or("")});
    }
    return out;
}

}  // namespace orbita::kernel::automation
