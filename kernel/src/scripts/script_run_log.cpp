// SPDX-License-Identifier: Apache-2.0
#include "scripts/script_run_log.hpp"

#include "storage/database.hpp"

#include <spdlog/spdlog.h>

namespace orbita::kernel::scripts {

using storage::ReadKind;
using storage::SqlFragment;
using storage::SqlValue;

namespace {

std::string outcome(const lua::RunResult& r) {
    if (r.ok) return "ok";
    if (!r.error) return "error";
    switch (r.error->kind) {
        case lua::ErrorKind::Compile: return "compile_error";
        case lua::ErrorKind::Budget: return "aborted";
        case lua::ErrorKind::Runtime: return "error";
    }
    return "error";
}

}  // namespace

void ScriptRunLog::record(std::optional<std::int64_t> script_id, const std::string& name, const lua::RunContext& context,
                          const lua::RunResult& result) {
    const auto started = clock_.now() - std::chrono::microseconds(result.duration_us);
    try {
        db_.write([&](storage::Transaction& tx) {
            tx.conn().exec(SqlFragment("INSERT INTO script_runs (script_id, script, actor_id, actor, started_at, duration_us, result, dry_run, record_type, record_id, error) VALUES (")
                               .bind(script_id ? SqlValue(*script_id) : SqlValue{}).sql(", ").bind(name).sql(", ")
                               .bind(context.actor.user_id > 0 ? SqlValue(context.actor.user_id) : SqlValue{}).sql(", ")
                               .bind(context.actor.login).sql(", ").bind(format_utc(started)).sql(", ")
                               .bind(result.duration_us).sql(", ").bind(outcome(result)).sql(", ")
                               .bind(std::int64_t{context.dry_run ? 1 : 0}).sql(", ")
                               .bind(context.record ? SqlValue(context.record->type) : SqlValue{}).sql(", ")
                               .bind(context.record ? SqlValue(context.record->id) : SqlValue{}).sql(", ")
                               .bind(result.error ? SqlValue(result.error->to_json().dump()) : SqlValue{}).sql(")"));
        });
    } catch (const std::exception& e) {
        // Losing a history row must not turn a finished run into a failure.
        spdlog::error("could not record the run of script {}: {}", name, e.what());
    }
}

nlohmann::json ScriptRunLog::list(std::int64_t script_id, int limit, std::int64_t before) {
    return db_.read([&](storage::Connection& c) {
        const auto& d = c.dialect();
        SqlFragment q("SELECT id, actor, " + d.select_expr("started_at", storage::ColumnType::Timestamp) +
                      ", duration_us, result, " + d.select_expr("dry_run", storage::ColumnType::Bool) +
                      ", record_type, record_id, " + d.select_expr("error", storage::ColumnType::Json) +
                      " FROM script_runs WHERE script_id = ");
        q.bind(script_id);
        if (before > 0) q.sql(" AND id < ").bind(before);
        q.sql(" ORDER BY id DESC LIMIT ").bind(std::int64_t{limit});
        nlohmann::json items = nlohmann::json::array();
        for (const auto& r : c.query(q, {ReadKind::Int, ReadKind::Text, ReadKind::Text, ReadKind::Int, ReadKind::Text,
                                         ReadKind::Int, ReadKind::Text, ReadKind::Int, ReadKind::Text})) {
            nlohmann::json item = {{"id", storage::as_int(r[0]).value_or(0)},
                                   {"actor", storage::as_text(r[1]).value_or("")},
                                   {"started_at", storage::as_text(r[2]).value_or("")},
                                   {"duration_us", storage::as_int(r[3]).value_or(0)},
                                   {"result", storage::as_text(r[4]).value_or("")},
                                   {"dry_run", storage::as_int(r[5]).value_or(0) != 0},
                                   {"record", nullptr},
                                   {"error", nullptr}};
            if (!storage::is_null(r[6])) item["record"] = {{"type", *storage::as_text(r[6])}, {"id", storage::as_int(r[7]).value_or(0)}};
            if (!storage::is_null(r[8])) item["error"] = nlohmann::json::parse(*storage::as_text(r[8]));
            items.push_back(std::move(item));
        }
        return nlohmann::json{{"items", std::move(items)}};
    });
}

}  // namespace orbita::kernel::scripts
