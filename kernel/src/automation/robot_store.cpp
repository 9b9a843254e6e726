// SPDX-License-Identifier: Apache-2.0
#include "automation/robot_store.hpp"

#include "storage/dialect.hpp"

#include <algorithm>

namespace orbita::kernel::automation {

using storage::ReadKind;
using storage::SqlFragment;
using storage::as_int;
using storage::as_text;

namespace {

std::string robot_columns(const storage::Dialect& d) {
    using storage::ColumnType;
    return "SELECT id, entity_type, pipeline_id, stage_id, name, action, " + d.select_expr("params", ColumnType::Json) + ", " +
           d.select_expr("condition", ColumnType::Json) + ", " + d.select_expr("delay", ColumnType::Json) +
           ", cancel_on_leave, run_as, enabled, position, created_by, created_at, updated_at FROM robots ";
}

const std::vector<ReadKind> kRobotKinds = {ReadKind::Int, ReadKind::Text, ReadKind::Int, ReadKind::Int, ReadKind::Text,
                                           ReadKind::Text, ReadKind::Text, ReadKind::Text, ReadKind::Text, ReadKind::Int,
                                           ReadKind::Int, ReadKind::Int, ReadKind::Int, ReadKind::Int, ReadKind::Int,
                                           ReadKind::Int};

nlohmann::json json_or_null(const storage::SqlValue& v) {
    auto text = as_text(v);
    return text ? nlohmann::json::parse(*text, nullptr, false) : nlohmann::json(nullptr);
}

Robot robot_of(const storage::Row& r) {
    Robot b;
    b.id = *as_int(r[0]);
    b.entity_type = *as_text(r[1]);
    b.pipeline_id = *as_int(r[2]);
    b.stage_id = *as_int(r[3]);
    b.name = *as_text(r[4]);
    b.action = *as_text(r[5]);
    b.params = json_or_null(r[6]);
    b.condition = json_or_null(r[7]);
    b.delay = json_or_null(r[8]);
    b.cancel_on_leave = as_int(r[9]).value_or(1) != 0;
    b.run_as = as_int(r[10]).value_or(0);
    b.enabled = as_int(r[11]).value_or(1) != 0;
    b.position = static_cast<int>(as_int(r[12]).value_or(0));
    b.created_by = as_int(r[13]).value_or(0);
    b.created_at = as_int(r[14]).value_or(0);
    b.updated_at = as_int(r[15]).value_or(0);
    return b;
}

std::vector<Robot> robots(storage::Connection& conn, const SqlFragment& where) {
    std::vector<Robot> out;
    for (const auto& row : conn.query(SqlFragment(robot_columns(conn.dialect())).append(where), kRobotKinds)) out.push_back(robot_of(row));
    return out;
}

std::string run_fields(const storage::Dialect& d) {
    using storage::ColumnType;
    return "id, robot_id, entry_id, entity_type, record_id, job_key, state, scheduled_at, started_at, finished_at,"
           " duration_us, depth, error, " + d.select_expr("effects", ColumnType::Json) + ", " + d.select_expr("logs", ColumnType::Json);
}

std::string run_columns(const storage::Dialect& d) { return "SELECT " + run_fields(d) + " FROM robot_runs "; }

const std::vector<ReadKind> kRunKinds = {ReadKind::Int, ReadKind::Int, ReadKind::Int, ReadKind::Text, ReadKind::Int,
                                         ReadKind::Text, ReadKind::Text, ReadKind::Int, ReadKind::Int, ReadKind::Int,
                                         ReadKind::Int, ReadKind::Int, ReadKind::Text, ReadKind::Text, ReadKind::Text};

RobotRun run_of(const storage::Row& r) {
    RobotRun u;
    u.id = *as_int(r[0]);
    u.robot_id = *as_int(r[1]);
    u.entry_id = *as_int(r[2]);
    u.entity_type = *as_text(r[3]);
    u.record_id = *as_int(r[4]);
    u.job_key = as_text(r[5]).value_or("");
    u.state = *as_text(r[6]);
    u.scheduled_at = as_int(r[7]).value_or(0);
    u.started_at = as_int(r[8]);
    u.finished_at = as_int(r[9]);
    u.duration_us = as_int(r[10]);
    u.depth = static_cast<int>(as_int(r[11]).value_or(0));
    u.error = as_text(r[12]).value_or("");
    u.effects = json_or_null(r[13]);
    u.logs = json_or_null(r[14]);
    return u;
}

std::vector<RobotRun> runs(storage::Connection& conn, const SqlFragment& where) {
    std::vector<RobotRun> out;
    for (const auto& row : conn.query(SqlFragment(run_columns(conn.dialect())).append(where), kRunKinds)) out.push_back(run_of(row));
    return out;
}

storage::SqlValue json_value(const nlohmann::json& j) {
    return j.is_null() ? storage::SqlValue{} : storage::SqlValue{j.dump()};
}

storage::SqlValue optional_int(const std::optional<std::int64_t>& v) {
    return v ? storage::SqlValue{*v} : storage::SqlValue{};
}

}  // namespace

std::optional<Robot> RobotStore::find(storage::Connection& conn, std::int64_t id) {
    auto list = robots(conn, SqlFragment("WHERE id = ").bind(id));
    if (list.empty()) return std::nullopt;
    return std::move(list.front());
}

std::vector<Robot> RobotStore::find_many(storage::Connection& conn, const std::vector<std::int64_t>& ids) {
    if (ids.empty()) return {};
    SqlFragment where("WHERE id IN (");
    for (std::size_t i = 0; i < ids.size(); ++i) where.sql(i ? ", " : "").bind(ids[i]);
    return robots(conn, where.sql(")"));
}

std::vector<Robot> RobotStore::of_stage(storage::Connection& conn, std::int64_t stage_id, bool enabled_only) {
    SqlFragment where("WHERE stage_id = ");
    where.bind(stage_id);
    if (enabled_only) where.sql(" AND enabled = 1");
    return robots(conn, where.sql(" ORDER BY position, id"));
}

std::vector<Robot> RobotStore::of_pipeline(storage::Connection& conn, std::int64_t pipeline_id) {
    return robots(conn, SqlFragment("WHERE pipeline_id = ").bind(pipeline_id).sql(" ORDER BY stage_id, position, id"));
}

std::int64_t RobotStore::insert(storage::Connection& conn, const Robot& b) {
    return *conn.query_int(SqlFragment("INSERT INTO robots (entity_type, pipeline_id, stage_id, name, action, params, condition, delay,"
                          " cancel_on_leave, run_as, enabled, position, created_by, created_at, updated_at) VALUES (")
                  .bind(b.entity_type).sql(", ").bind(b.pipeline_id).sql(", ").bind(b.stage_id).sql(", ").bind(b.name)
                  .sql(", ").bind(b.action).sql(", ").bind(b.params.dump()).sql(", ").bind(json_value(b.condition))
                  .sql(", ").bind(b.delay.dump()).sql(", ").bind(std::int64_t{b.cancel_on_leave}).sql(", ").bind(b.run_as)
                  .sql(", ").bind(std::int64_t{b.enabled}).sql(", ").bind(std::int64_t{b.position}).sql(", ")
                  .bind(b.created_by).sql(", ").bind(b.created_at).sql(", ").bind(b.updated_at).sql(") RETURNING id"));
}

void RobotStore::update(storage::Connection& conn, const Robot& b) {
    conn.exec(SqlFragment("UPDATE robots SET stage_id = ").bind(b.stage_id).sql(", name = ").bind(b.name)
                  .sql(", action = ").bind(b.action).sql(", params = ").bind(b.params.dump())
                  .sql(", condition = ").bind(json_value(b.condition)).sql(", delay = ").bind(b.delay.dump())
                  .sql(", cancel_on_leave = ").bind(std::int64_t{b.cancel_on_leave}).sql(", run_as = ").bind(b.run_as)
                  .sql(", enabled = ").bind(std::int64_t{b.enabled}).sql(", position = ").bind(std::int64_t{b.position})
                  .sql(", updated_at = ").bind(b.updated_at).sql(" WHERE id = ").bind(b.id));
}

void RobotStore::remove(storage::Connection& conn, std::int64_t id) {
    conn.exec(SqlFragment("DELETE FROM robots WHERE id = ").bind(id));
}

void RobotStore::insert_runs(storage::Connection& conn, const std::vector<RobotRun>& runs) {
    if (runs.empty()) return;
    SqlFragment q("INSERT INTO robot_runs (robot_id, entry_id, entity_type, record_id, job_key, state, scheduled_at, finished_at,"
                  " depth, error) VALUES ");
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const auto& u = runs[i];
        q.sql(i ? ", (" : "(").bind(u.robot_id).sql(", ").bind(u.entry_id).sql(", ").bind(u.entity_type).sql(", ").bind(u.record_id)
            .sql(", ").bind(u.job_key.empty() ? storage::SqlValue{} : storage::SqlValue{u.job_key}).sql(", ").bind(u.state)
            .sql(", ").bind(u.scheduled_at).sql(", ").bind(optional_int(u.finished_at)).sql(", ").bind(std::int64_t{u.depth})
            .sql(", ").bind(u.error.empty() ? storage::SqlValue{} : storage::SqlValue{u.error}).sql(")");
    }
    conn.exec(q.sql(" ON CONFLICT (robot_id, entry_id) DO NOTHING"));
}

std::vector<RobotRun> RobotStore::take_pending(storage::Connection& conn, const std::string& job_key) {
    std::vector<RobotRun> out;
    for (const auto& row : conn.query(SqlFragment("UPDATE robot_runs SET state = 'running' WHERE job_key = ").bind(job_key)
                                          .sql(" AND state = 'pending' RETURNING " + run_fields(conn.dialect())),
                                      kRunKinds))
        out.push_back(run_of(row));
    std::sort(out.begin(), out.end(), [](const RobotRun& a, const RobotRun& b) { return a.id < b.id; });
    return out;
}

bool RobotStore::finish(storage::Connection& conn, const RobotRun& u) {
    return conn.exec(SqlFragment("UPDATE robot_runs SET state = ").bind(u.state).sql(", started_at = ").bind(optional_int(u.started_at))
                         .sql(", finished_at = ").bind(optional_int(u.finished_at)).sql(", duration_us = ")
                         .bind(optional_int(u.duration_us)).sql(", depth = ").bind(std::int64_t{u.depth})
                         .sql(", error = ").bind(u.error.empty() ? storage::SqlValue{} : storage::SqlValue{u.error})
                         .sql(", effects = ").bind(json_value(u.effects)).sql(", logs = ").bind(json_value(u.logs))
                         .sql(" WHERE id = ").bind(u.id).sql(" AND state IN ('pending', 'running')")) == 1;
}

std::vector<RobotRun> RobotStore::runs_of(storage::Connection& conn, std::int64_t robot_id, int limit, std::int64_t before) {
    SqlFragment where("WHERE robot_id = ");
    where.bind(robot_id);
    if (before > 0) where.sql(" AND id < ").bind(before);
    return runs(conn, where.sql(" ORDER BY id DESC LIMIT ").bind(std::int64_t{limit}));
}

std::vector<std::string> RobotStore::cancel_on_leave(storage::Connection& conn, std::int64_t entry_id, std::int64_t now_ms) {
    std::vector<std::string> keys;
    for (const auto& row : conn.query(SqlFragment("UPDATE robot_runs SET state = 'cancelled', finished_at = ").bind(now_ms)
                                          .sql(", error = 'the record left the stage before the robot ran' WHERE entry_id = ")
                                          .bind(entry_id)
                                          .sql(" AND state = 'pending' AND robot_id IN (SELECT id FROM robots WHERE cancel_on_leave = 1)"
                                               " RETURNING job_key"),
                                      {ReadKind::Text})) {
        auto key = as_text(row[0]);
        if (key && std::find(keys.begin(), keys.end(), *key) == keys.end()) keys.push_back(*key);
    }
    return keys;
}

void RobotStore::cancel_runs_of(storage::Connection& conn, const std::vector<std::int64_t>& robot_ids, const std::string& why,
                                std::int64_t now_ms) {
    for (auto id : robot_ids) {
        conn.exec(SqlFragment("UPDATE robot_runs SET state = 'cancelled', finished_at = ").bind(now_ms).sql(", error = ").bind(why)
                      .sql(" WHERE robot_id = ").bind(id).sql(" AND state = 'pending'"));
    }
}

std::int64_t RobotStore::pending_count(storage::Connection& conn, const std::string& job_key) {
    return conn.query_int(SqlFragment("SELECT COUNT(*) FROM robot_runs WHERE job_key = ").bind(job_key).sql(" AND state = 'pending'"))
        .value_or(0);
}

void RobotStore::fail_job(storage::Connection& conn, const std::string& job_key, const std::string& error, std::int64_t now_ms) {
    conn.exec(SqlFragment("UPDATE robot_runs SET state = 'failed', finished_at = ").bind(now_ms).sql(", error = ").bind(error)
                  .sql(" WHERE job_key = ").bind(job_key).sql(" AND state = 'pending'"));
}

}  // namespace orbita::kernel::automation
