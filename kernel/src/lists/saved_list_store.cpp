// SPDX-License-Identifier: Apache-2.0
#include "lists/saved_list_store.hpp"

#include "storage/dialect.hpp"

namespace orbita::kernel::lists {

using storage::ReadKind;
using storage::SqlFragment;
using storage::SqlValue;

namespace {

constexpr const char* kColumns =
    "SELECT id, owner_id, entity_type, name, definition, shared_role, created_at, updated_at FROM saved_lists";
const std::vector<ReadKind> kKinds = {ReadKind::Int,  ReadKind::Int,  ReadKind::Text, ReadKind::Text,
                                      ReadKind::Text, ReadKind::Text, ReadKind::Int,  ReadKind::Int};

// Columns, filter and sort travel together: they are only ever read and written whole.
std::string definition(const SavedList& l) {
    return nlohmann::json{{"columns", l.columns}, {"filter", l.filter}, {"sort", l.sort}}.dump();
}

SavedList decode(const storage::Row& r) {
    SavedList l;
    l.id = storage::as_int(r[0]).value_or(0);
    l.owner_id = storage::as_int(r[1]).value_or(0);
    l.entity_type = storage::as_text(r[2]).value_or("");
    l.name = storage::as_text(r[3]).value_or("");
    const auto d = nlohmann::json::parse(storage::as_text(r[4]).value_or("{}"), nullptr, false);
    if (d.is_object()) {
        l.columns = d.value("columns", nlohmann::json::array());
        l.filter = d.value("filter", nlohmann::json());
        l.sort = d.value("sort", std::string("-id"));
    }
    if (!storage::is_null(r[5])) l.shared_role = storage::as_text(r[5]);
    l.created_at = storage::as_int(r[6]).value_or(0);
    l.updated_at = storage::as_int(r[7]).value_or(0);
    return l;
}

SqlValue role_value(const SavedList& l) { return l.shared_role ? SqlValue(*l.shared_role) : SqlValue{}; }

}  // namespace

std::vector<std::string> saved_list_tables(const storage::Dialect& d) {
    const std::string json = d.column_type(storage::ColumnType::Json);
    return {
        "CREATE TABLE saved_lists (" + d.id_column() +
            ", owner_id BIGINT NOT NULL, entity_type TEXT NOT NULL, name TEXT NOT NULL, definition " + json +
            " NOT NULL, shared_role TEXT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
        "CREATE UNIQUE INDEX saved_lists_owner_name ON saved_lists (owner_id, entity_type, name)",
        "CREATE INDEX saved_lists_shared ON saved_lists (entity_type, shared_role)",
    };
}

std::int64_t SavedListStore::insert(storage::Connection& conn, const SavedList& l) {
    SqlFragment q("INSERT INTO saved_lists (owner_id, entity_type, name, definition, shared_role, created_at, updated_at) VALUES (");
    q.bind(l.owner_id).sql(", ").bind(l.entity_type).sql(", ").bind(l.name).sql(", ").bind(definition(l)).sql(", ");
    q.bind(role_value(l)).sql(", ").bind(l.created_at).sql(", ").bind(l.updated_at).sql(") RETURNING id");
    return *conn.query_int(q);
}

void SavedListStore::update(storage::Connection& conn, const SavedList& l) {
    SqlFragment q("UPDATE saved_lists SET name = ");
    q.bind(l.name).sql(", definition = ").bind(definition(l)).sql(", shared_role = ").bind(role_value(l));
    q.sql(", updated_at = ").bind(l.updated_at).sql(" WHERE id = ").bind(l.id);
    conn.exec(q);
}

void SavedListStore::remove(storage::Connection& conn, std::int64_t id) {
    conn.exec(SqlFragment("DELETE FROM saved_lists WHERE id = ").bind(id));
}

std::optional<SavedList> SavedListStore::get(storage::Connection& conn, std::int64_t id) {
    auto row = conn.query_one(SqlFragment(kColumns).sql(" WHERE id = ").bind(id), kKinds);
    if (!row) return std::nullopt;
    return decode(*row);
}

std::vector<SavedList> SavedListStore::visible(storage::Connection& conn, const std::string& type, std::int64_t owner_id,
                                               const std::vector<std::string>& roles) {
    SqlFragment q(kColumns);
    q.sql(" WHERE entity_type = ").bind(type).sql(" AND (owner_id = ").bind(owner_id);
    for (const auto& role : roles) q.sql(" OR shared_role = ").bind(role);
    q.sql(") ORDER BY name, id");
    std::vector<SavedList> out;
    for (const auto& row : conn.query(q, kKinds)) out.push_back(decode(row));
    return out;
}

bool SavedListStore::name_taken(storage::Connection& conn, std::int64_t owner_id, const std::string& type,
                                const std::string& name, std::int64_t except_id) {
    SqlFragment q("SELECT COUNT(*) FROM saved_lists WHERE owner_id = ");
    q.bind(owner_id).sql(" AND entity_type = ").bind(type).sql(" AND name = ").bind(name).sql(" AND id <> ").bind(except_id);
    return conn.query_int(q).value_or(0) > 0;
}

}  // namespace orbita::kernel::lists
