// SPDX-License-Identifier: Apache-2.0
#include "automation/pipeline_store.hpp"

#include "entity/entity_type.hpp"
#include "storage/dialect.hpp"

#include <algorithm>

namespace orbita::kernel::automation {

using storage::ReadKind;
using storage::SqlFragment;

namespace {

const std::vector<ReadKind> kPipelineKinds = {ReadKind::Int, ReadKind::Text, ReadKind::Text, ReadKind::Text, ReadKind::Int,
                                              ReadKind::Int};
const std::vector<ReadKind> kStageKinds = {ReadKind::Int, ReadKind::Int,  ReadKind::Text, ReadKind::Text,
                                           ReadKind::Text, ReadKind::Text, ReadKind::Int};
constexpr const char* kPipelineColumns = "SELECT id, entity_type, key, name, is_default, position FROM pipelines ";
constexpr const char* kStageColumns = "SELECT id, pipeline_id, key, name, color, kind, position FROM stages ";

Pipeline pipeline_of(const storage::Row& r) {
    Pipeline p;
    p.id = *storage::as_int(r[0]);
    p.entity_type = *storage::as_text(r[1]);
    p.key = *storage::as_text(r[2]);
    p.name = *storage::as_text(r[3]);
    p.is_default = storage::as_int(r[4]).value_or(0) != 0;
    p.position = static_cast<int>(storage::as_int(r[5]).value_or(0));
    return p;
}

Stage stage_of(const storage::Row& r) {
    Stage s;
    s.id = *storage::as_int(r[0]);
    s.pipeline_id = *storage::as_int(r[1]);
    s.key = *storage::as_text(r[2]);
    s.name = *storage::as_text(r[3]);
    s.color = *storage::as_text(r[4]);
    s.kind = parse_stage_kind(*storage::as_text(r[5])).value_or(StageKind::Open);
    s.position = static_cast<int>(storage::as_int(r[6]).value_or(0));
    return s;
}

// Pipelines selected by `where` (after FROM pipelines), each with its stages.
std::vector<Pipeline> load(storage::Connection& conn, const SqlFragment& where) {
    std::vector<Pipeline> out;
    for (const auto& row : conn.query(SqlFragment(kPipelineColumns).append(where).sql(" ORDER BY position, id"), kPipelineKinds))
        out.push_back(pipeline_of(row));
    if (out.empty()) return out;
    SqlFragment q(kStageColumns);
    q.sql("WHERE pipeline_id IN (");
    for (std::size_t i = 0; i < out.size(); ++i) q.sql(i ? ", " : "").bind(out[i].id);
    q.sql(") ORDER BY position, id");
    for (const auto& row : conn.query(q, kStageKinds)) {
        auto s = stage_of(row);
        for (auto& p : out) {
            if (p.id == s.pipeline_id) p.stages.push_back(std::move(s));
        }
    }
    return out;
}

std::optional<Pipeline> first(std::vector<Pipeline> list) {
    if (list.empty()) return std::nullopt;
    return std::move(list.front());
}

void renumber(storage::Connection& conn, const char* table, const char* parent, std::int64_t parent_id,
              const std::string& parent_text = {}) {
    SqlFragment q(std::string("SELECT id FROM ") + table + " WHERE " + parent + " = ");
    if (parent_text.empty()) {
        q.bind(parent_id);
    } else {
        q.bind(parent_text);
    }
    q.sql(" ORDER BY position, id");
    int position = 0;
    for (const auto& row : conn.query(q, {ReadKind::Int})) {
        conn.exec(SqlFragment(std::string("UPDATE ") + table + " SET position = ").bind(std::int64_t{position++})
                      .sql(" WHERE id = ").bind(*storage::as_int(row[0])));
    }
}

}  // namespace

std::vector<Pipeline> PipelineStore::of_type(storage::Connection& conn, const std::string& type) {
    return load(conn, SqlFragment("WHERE entity_type = ").bind(type));
}

std::optional<Pipeline> PipelineStore::find(storage::Connection& conn, std::int64_t id) {
    return first(load(conn, SqlFragment("WHERE id = ").bind(id)));
}

std::optional<Pipeline> PipelineStore::find_key(storage::Connection& conn, const std::string& type, const std::string& key) {
    return first(load(conn, SqlFragment("WHERE entity_type = ").bind(type).sql(" AND key = ").bind(key)));
}

std::optional<Pipeline> PipelineStore::default_of(storage::Connection& conn, const std::string& type) {
    auto all = of_type(conn, type);
    auto it = std::find_if(all.begin(), all.end(), [](const Pipeline& p) { return p.is_default; });
    if (it != all.end()) return std::move(*it);
    return first(std::move(all));
}

std::optional<std::string> PipelineStore::default_key(storage::Connection& conn, const std::string& type) {
    auto row = conn.query_one(SqlFragment("SELECT key FROM pipelines WHERE entity_type = ").bind(type)
                                  .sql(" ORDER BY is_default DESC, position, id LIMIT 1"),
                              {ReadKind::Text});
    if (!row) return std::nullopt;
    return storage::as_text((*row)[0]);
}

std::optional<Pipeline> PipelineStore::of_stage(storage::Connection& conn, std::int64_t stage_id) {
    return first(load(conn, SqlFragment("WHERE id = (SELECT pipeline_id FROM stages WHERE id = ").bind(stage_id).sql(")")));
}

std::optional<std::pair<std::int64_t, std::int64_t>> PipelineStore::locate(storage::Connection& conn, const std::string& type,
                                                                           const std::string& key, const std::string& stage_key) {
    SqlFragment q("SELECT p.id, s.id FROM pipelines p JOIN stages s ON s.pipeline_id = p.id WHERE p.entity_type = ");
    q.bind(type).sql(" AND p.key = ").bind(key).sql(" AND s.key = ").bind(stage_key);
    if (conn.dialect().name() == "postgresql") q.sql(" FOR SHARE OF s");
    auto row = conn.query_one(q, {ReadKind::Int, ReadKind::Int});
    if (!row) return std::nullopt;
    return std::make_pair(*storage::as_int((*row)[0]), *storage::as_int((*row)[1]));
}

bool PipelineStore::type_has_pipelines(storage::Connection& conn, const std::string& type) {
    return conn.query_int(SqlFragment("SELECT id FROM pipelines WHERE entity_type = ").bind(type).sql(" LIMIT 1")).has_value();
}

std::int64_t PipelineStore::insert_pipeline(storage::Connection& conn, const Pipeline& p, std::int64_t now_ms) {
    const auto position = conn.query_int(
        SqlFragment("SELECT COUNT(*) FROM pipelines WHERE entity_type = ").bind(p.entity_type));
    return *conn.query_int(
        SqlFragment("INSERT INTO pipelines (entity_type, key, name, is_default, position, created_at, updated_at) VALUES (")
            .bind(p.entity_type).sql(", ").bind(p.key).sql(", ").bind(p.name).sql(", 0, ").bind(position.value_or(0))
            .sql(", ").bind(now_ms).sql(", ").bind(now_ms).sql(") RETURNING id"));
}

void PipelineStore::rename_pipeline(storage::Connection& conn, std::int64_t id, const std::string& name, std::int64_t now_ms) {
    conn.exec(SqlFragment("UPDATE pipelines SET name = ").bind(name).sql(", updated_at = ").bind(now_ms)
                  .sql(" WHERE id = ").bind(id));
}

void PipelineStore::set_default(storage::Connection& conn, const std::string& type, std::int64_t id) {
    conn.exec(SqlFragment("UPDATE pipelines SET is_default = CASE WHEN id = ").bind(id)
                  .sql(" THEN 1 ELSE 0 END WHERE entity_type = ").bind(type));
}

void PipelineStore::delete_pipeline(storage::Connection& conn, const Pipeline& p) {
    conn.exec(SqlFragment("DELETE FROM pipelines WHERE id = ").bind(p.id));
    renumber(conn, "pipelines", "entity_type", 0, p.entity_type);
}

std::int64_t PipelineStore::insert_stage(storage::Connection& conn, Stage s) {
    const auto count = conn.query_int(SqlFragment("SELECT COUNT(*) FROM stages WHERE pipeline_id = ").bind(s.pipeline_id)).value_or(0);
    s.position = static_cast<int>(std::clamp<std::int64_t>(s.position < 0 ? count : s.position, 0, count));
    conn.exec(SqlFragment("UPDATE stages SET position = position + 1 WHERE pipeline_id = ").bind(s.pipeline_id)
                  .sql(" AND position >= ").bind(std::int64_t{s.position}));
    return *conn.query_int(SqlFragment("INSERT INTO stages (pipeline_id, key, name, color, kind, position) VALUES (")
                               .bind(s.pipeline_id).sql(", ").bind(s.key).sql(", ").bind(s.name).sql(", ").bind(s.color)
                               .sql(", ").bind(std::string(to_string(s.kind))).sql(", ").bind(std::int64_t{s.position})
                               .sql(") RETURNING id"));
}

void PipelineStore::update_stage(storage::Connection& conn, const Stage& s) {
    conn.exec(SqlFragment("UPDATE stages SET name = ").bind(s.name).sql(", color = ").bind(s.color)
                  .sql(", kind = ").bind(std::string(to_string(s.kind))).sql(" WHERE id = ").bind(s.id));
}

void PipelineStore::reorder_stages(storage::Connection& conn, const std::vector<std::int64_t>& ids) {
    std::int64_t position = 0;
    for (auto id : ids) conn.exec(SqlFragment("UPDATE stages SET position = ").bind(position++).sql(" WHERE id = ").bind(id));
}

void PipelineStore::delete_stage(storage::Connection& conn, const Stage& s) {
    conn.exec(SqlFragment("DELETE FROM stages WHERE id = ").bind(s.id));
    renumber(conn, "stages", "pipeline_id", s.pipeline_id);
}

std::int64_t PipelineStore::count_records(storage::Connection& conn, const entity::EntityType& type, const std::string& key,
                                          const std::optional<std::string>& stage_key) {
    const auto fields = stage_fields(type);
    if (!fields) return 0;
    const auto& d = conn.dialect();
    SqlFragment q("SELECT COUNT(*) FROM " + d.quote(type.table()) + " WHERE 1 = 1");
    if (!fields->pipeline.empty()) q.sql(" AND " + d.quote(fields->pipeline) + " = ").bind(key);
    if (stage_key) q.sql(" AND " + d.quote(fields->stage) + " = ").bind(*stage_key);
    if (fields->pipeline.empty() && !stage_key) q.sql(" AND " + d.quote(fields->stage) + " IS NOT NULL");
    return conn.query_int(q).value_or(0);
}

}  // namespace orbita::kernel::automation
