// SPDX-License-Identifier: Apache-2.0
#include "scripts/script_store.hpp"

#include "core/problem.hpp"
#include "scripts/line_diff.hpp"
#include "storage/database.hpp"

#include <algorithm>

namespace orbita::kernel::scripts {

using storage::ReadKind;
using storage::SqlFragment;

namespace {

std::string text(const storage::SqlValue& v) { return storage::as_text(v).value_or(""); }

std::string columns(const storage::Dialect& d) {
    return "id, name, kind, description, source, version, " + d.select_expr("enabled", storage::ColumnType::Bool) +
           ", origin, " + d.select_expr("edited", storage::ColumnType::Bool) + ", " +
           d.select_expr("created_at", storage::ColumnType::Timestamp) + ", " +
           d.select_expr("updated_at", storage::ColumnType::Timestamp) + " FROM scripts";
}

const std::vector<ReadKind> kKinds = {ReadKind::Int, ReadKind::Text, ReadKind::Text, ReadKind::Text,
                                      ReadKind::Text, ReadKind::Int, ReadKind::Int, ReadKind::Text,
                                      ReadKind::Int, ReadKind::Text, ReadKind::Text};

StoredScript from_row(const storage::Row& r) {
    StoredScript s;
    s.id = storage::as_int(r[0]).value_or(0);
    s.name = text(r[1]);
    s.kind = text(r[2]);
    s.description = text(r[3]);
    s.source = text(r[4]);
    s.version = storage::as_int(r[5]).value_or(0);
    s.enabled = storage::as_int(r[6]).value_or(0) != 0;
    s.origin = text(r[7]);
    s.edited = storage::as_int(r[8]).value_or(0) != 0;
    s.created_at = text(r[9]);
    s.updated_at = text(r[10]);
    return s;
}

storage::SqlValue author_id(const Actor& actor) {
    return actor.user_id > 0 ? storage::SqlValue(actor.user_id) : storage::SqlValue{};
}

}  // namespace

nlohmann::json StoredScript::to_json(bool with_source) const {
    nlohmann::json j = {{"id", id},           {"name", name},       {"kind", kind},
                        {"description", description}, {"version", version}, {"enabled", enabled},
                        {"origin", origin},   {"edited", edited},   {"created_at", created_at},
                        {"updated_at", updated_at}};
    if (with_source) j["source"] = source;
    return j;
}

ScriptStore::ScriptStore(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

const std::vector<std::string>& ScriptStore::kinds() {
    static const std::vector<std::string> all = {"script", "robot", "condition", "process", "module", "constants"};
    return all;
}

bool ScriptStore::valid_name(const std::string& name) {
    if (name.empty() || name.size() > 120) return false;
    auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    if (!alnum(name[0])) return false;
    return std::all_of(name.begin(), name.end(), [&](char c) { return alnum(c) || c == '_' || c == '.' || c == '/' || c == '-'; });
}

std::vector<StoredScript> ScriptStore::list() {
    return db_.read([&](storage::Connection& c) {
        std::vector<StoredScript> out;
        for (const auto& r : c.query(SqlFragment("SELECT " + columns(c.dialect()) + " ORDER BY name"), kKinds)) out.push_back(from_row(r));
        return out;
    });
}

std::optional<StoredScript> ScriptStore::find(std::int64_t id) {
    auto row = db_.read([&](storage::Connection& c) {
        return c.query_one(SqlFragment("SELECT " + columns(c.dialect()) + " WHERE id = ").bind(id), kKinds);
    });
    if (!row) return std::nullopt;
    return from_row(*row);
}

std::optional<StoredScript> ScriptStore::find_by_name(const std::string& name) {
    auto row = db_.read([&](storage::Connection& c) {
        return c.query_one(SqlFragment("SELECT " + columns(c.dialect()) + " WHERE name = ").bind(name), kKinds);
    });
    if (!row) return std::nullopt;
    return from_row(*row);
}

std::vector<StoredScript> ScriptStore::of_kind(const std::string& kind) {
    return db_.read([&](storage::Connection& c) {
        std::vector<StoredScript> out;
        for (const auto& r : c.query(SqlFragment("SELECT " + columns(c.dialect()) + " WHERE kind = ").bind(kind).sql(" ORDER BY name"), kKinds)) {
            auto s = from_row(r);
            if (s.enabled) out.push_back(std::move(s));
        }
        return out;
    });
}

StoredScript ScriptStore::require(std::int64_t id) {
    auto s = find(id);
    if (!s) throw Problem::not_found("there is no script #" + std::to_string(id));
    return *s;
}

StoredScript ScriptStore::create(const Actor& actor, const std::string& name, const std::string& kind,
                                 const std::string& description, const std::string& source, const std::string& origin) {
    std::vector<FieldError> errors;
    if (!valid_name(name)) {
        errors.push_back({"name", "invalid_name", "a script name has lower-case Latin letters, digits and _ . / - (at most 120)"});
    }
    if (std::find(kinds().begin(), kinds().end(), kind) == kinds().end()) {
        errors.push_back({"kind", "invalid_kind", "kind must be script, robot, condition, process, module or constants"});
    }
    if (!errors.empty()) throw Problem::validation(std::move(errors));
    if (find_by_name(name)) throw Problem::conflict("script-exists", "a script named '" + name + "' exists");
    const auto now = format_utc(clock_.now());
    db_.write([&](storage::Transaction& tx) {
        tx.conn().exec(SqlFragment("INSERT INTO scripts (name, kind, description, source, version, enabled, origin, edited, created_at, updated_at) VALUES (")
                           .bind(name).sql(", ").bind(kind).sql(", ").bind(description).sql(", ").bind(source)
                           .sql(", 1, ").bind(std::int64_t{1}).sql(", ").bind(origin).sql(", ").bind(std::int64_t{0})
                           .sql(", ").bind(now).sql(", ").bind(now).sql(")"));
        auto id = tx.conn().query_int(SqlFragment("SELECT id FROM scripts WHERE name = ").bind(name));
        tx.conn().exec(SqlFragment("INSERT INTO script_versions (script_id, version, source, diff, author_id, author, at) VALUES (")
                           .bind(*id).sql(", 1, ").bind(source).sql(", ").bind(LineDiff::unified("", source)).sql(", ")
                           .bind(author_id(actor)).sql(", ").bind(actor.login).sql(", ").bind(now).sql(")"));
    });
    return *find_by_name(name);
}

StoredScript ScriptStore::update(const Actor& actor, std::int64_t id, const std::optional<std::string>& source,
                                 const std::optional<std::string>& description, std::optional<bool> enabled,
                                 bool mark_edited) {
    const auto current = require(id);
    const bool new_source = source && *source != current.source;
    const auto now = format_utc(clock_.now());
    db_.write([&](storage::Transaction& tx) {
        const std::int64_t version = new_source ? current.version + 1 : current.version;
        tx.conn().exec(SqlFragment("UPDATE scripts SET source = ").bind(new_source ? *source : current.source)
                           .sql(", description = ").bind(description.value_or(current.description))
                           .sql(", enabled = ").bind(std::int64_t{enabled.value_or(current.enabled) ? 1 : 0})
                           .sql(", version = ").bind(version)
                           .sql(", edited = ").bind(std::int64_t{(current.edited || mark_edited) ? 1 : 0})
                           .sql(", updated_at = ").bind(now).sql(" WHERE id = ").bind(id));
        if (new_source) {
            tx.conn().exec(SqlFragment("INSERT INTO script_versions (script_id, version, source, diff, author_id, author, at) VALUES (")
                               .bind(id).sql(", ").bind(version).sql(", ").bind(*source).sql(", ")
                               .bind(LineDiff::unified(current.source, *source)).sql(", ").bind(author_id(actor))
                               .sql(", ").bind(actor.login).sql(", ").bind(now).sql(")"));
        }
    });
    return require(id);
}

std::optional<std::string> ScriptStore::source_at(std::int64_t id, std::int64_t version) {
    auto row = db_.read([&](storage::Connection& c) {
        return c.query_one(SqlFragment("SELECT source FROM script_versions WHERE script_id = ").bind(id).sql(" AND version = ").bind(version),
                           {ReadKind::Text});
    });
    if (!row) return std::nullopt;
    return text((*row)[0]);
}

nlohmann::json ScriptStore::versions(std::int64_t id) {
    require(id);
    return db_.read([&](storage::Connection& c) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& r : c.query(SqlFragment("SELECT version, author, " + c.dialect().select_expr("at", storage::ColumnType::Timestamp) +
                                                 ", diff, source FROM script_versions WHERE script_id = ").bind(id).sql(" ORDER BY version DESC"),
                                     {ReadKind::Int, ReadKind::Text, ReadKind::Text, ReadKind::Text, ReadKind::Text})) {
            items.push_back({{"version", storage::as_int(r[0]).value_or(0)}, {"author", text(r[1])}, {"at", text(r[2])},
                             {"diff", text(r[3])}, {"source", text(r[4])}});
        }
        return nlohmann::json{{"items", std::move(items)}};
    });
}

}  // namespace orbita::kernel::scripts
