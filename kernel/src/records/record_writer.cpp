// SPDX-License-Identifier: Apache-2.0
#include "records/record_writer.hpp"

#include "entity/schema_sync.hpp"

#include <cstdio>

namespace orbita::kernel::records {

using storage::SqlFragment;
using storage::SqlValue;

namespace {

SqlValue actor_value(const Actor& actor) {
    return actor.user_id > 0 ? SqlValue(actor.user_id) : SqlValue(std::monostate{});
}

}  // namespace

std::int64_t RecordWriter::insert(storage::Connection& conn, const Actor& actor, const std::string& now,
                                  const std::vector<FieldWrite>& writes) {
    const auto& d = conn.dialect();
    const auto& type = layout_.type();
    std::string columns = "\"version\", \"created_at\", \"created_by\", \"updated_at\", \"updated_by\"";
    SqlFragment values;
    values.bind(std::int64_t{1}).sql(", ").bind(now).sql(", ").bind(actor_value(actor)).sql(", ").bind(now).sql(", ");
    values.bind(actor_value(actor));
    for (const auto& w : writes) {
        const auto cols = entity::columns_of(w.field->name, w.field->type);
        for (std::size_t i = 0; i < cols.size(); ++i) {
            columns += ", " + d.quote(cols[i].name);
            values.sql(", ").bind(w.value.columns.at(i));
        }
    }
    SqlFragment q("INSERT INTO " + d.quote(type.table()) + " (" + columns + ") VALUES (");
    q.append(values).sql(") RETURNING \"id\"");
    const std::int64_t id = *conn.query_int(q);
    for (const auto& w : writes) {
        if (entity::is_multi_valued(w.field->type)) replace_links(conn, id, *w.field, w.value.links);
    }
    return id;
}

bool RecordWriter::update(storage::Connection& conn, const Actor& actor, const std::string& now, std::int64_t id,
                          std::int64_t version, const std::vector<FieldWrite>& writes) {
    const auto& d = conn.dialect();
    SqlFragment q("UPDATE " + d.quote(layout_.type().table()) + " SET \"version\" = \"version\" + 1, \"updated_at\" = ");
    q.bind(now).sql(", \"updated_by\" = ").bind(actor_value(actor));
    for (const auto& w : writes) {
        const auto cols = entity::columns_of(w.field->name, w.field->type);
        for (std::size_t i = 0; i < cols.size(); ++i) q.sql(", " + d.quote(cols[i].name) + " = ").bind(w.value.columns.at(i));
    }
    q.sql(" WHERE \"id\" = ").bind(id).sql(" AND \"version\" = ").bind(version);
    if (conn.exec(q) == 0) return false;
    for (const auto& w : writes) {
        if (entity::is_multi_valued(w.field->type)) replace_links(conn, id, *w.field, w.value.links);
    }
    return true;
}

bool RecordWriter::set_archived(storage::Connection& conn, const Actor& actor, const std::string& now, std::int64_t id,
                                std::int64_t version, bool archived) {
    const auto& d = conn.dialect();
    SqlFragment q("UPDATE " + d.quote(layout_.type().table()) + " SET \"version\" = \"version\" + 1, \"updated_at\" = ");
    q.bind(now).sql(", \"updated_by\" = ").bind(actor_value(actor)).sql(", \"archived_at\" = ");
    q.bind(archived ? SqlValue(now) : SqlValue(std::monostate{}));
    q.sql(" WHERE \"id\" = ").bind(id).sql(" AND \"version\" = ").bind(version);
    return conn.exec(q) > 0;
}

void RecordWriter::replace_links(storage::Connection& conn, std::int64_t id, const entity::FieldDef& field,
                                 const std::vector<std::int64_t>& ids) {
    const std::string table = conn.dialect().quote(entity::SchemaSync::link_table(layout_.type(), field));
    conn.exec(SqlFragment("DELETE FROM " + table + " WHERE record_id = ").bind(id));
    for (std::size_t i = 0; i < ids.size(); ++i) {
        conn.exec(SqlFragment("INSERT INTO " + table + " (record_id, target_id, position) VALUES (")
                      .bind(id)
                      .sql(", ")
                      .bind(ids[i])
                      .sql(", ")
                      .bind(static_cast<std::int64_t>(i))
                      .sql(")"));
    }
}

std::string RecordWriter::next_autonumber(storage::Connection& conn, const entity::FieldDef& field,
                                          const std::string& scope_key) {
    // One statement that both creates the counter and increments it; the row lock it
    // takes serialises concurrent creators, and a rollback returns the number.
    auto n = conn.query_int(
        SqlFragment("INSERT INTO autonumber_counters (entity_type, field, scope_key, last_value) VALUES (")
            .bind(layout_.type().name())
            .sql(", ")
            .bind(field.name)
            .sql(", ")
            .bind(scope_key)
            .sql(", 1) ON CONFLICT (entity_type, field, scope_key) DO UPDATE SET last_value = "
                 "autonumber_counters.last_value + 1 RETURNING last_value"));
    std::string digits = std::to_string(*n);
    if (static_cast<int>(digits.size()) < field.pad) digits.insert(0, static_cast<std::size_t>(field.pad) - digits.size(), '0');
    return field.prefix + digits;
}

}  // namespace orbita::kernel::records
