// SPDX-License-Identifier: Apache-2.0
#include "scripts/constant_store.hpp"

#include "core/problem.hpp"
#include "records/record_repository.hpp"
#include "scripts/constant_type.hpp"
#include "storage/database.hpp"

namespace orbita::kernel::scripts {

using storage::ReadKind;
using storage::Row;
using storage::SqlFragment;

namespace {

std::string text(const storage::SqlValue& v) { return storage::as_text(v).value_or(""); }

// The select list shared by list() and get(); columns as row_json reads them.
std::string columns(const storage::Dialect& d) {
    return "name, type, label, description, " + d.select_expr("value", storage::ColumnType::Json) + ", version, origin, " +
           d.select_expr("edited", storage::ColumnType::Bool) + ", " +
           d.select_expr("updated_at", storage::ColumnType::Timestamp);
}

const std::vector<ReadKind> kKinds = {ReadKind::Text, ReadKind::Text, ReadKind::Text, ReadKind::Text, ReadKind::Text,
                                      ReadKind::Int,  ReadKind::Text, ReadKind::Int,  ReadKind::Text};

nlohmann::json row_json(const Row& r) {
    return {{"name", text(r[0])},
            {"type", text(r[1])},
            {"label", text(r[2])},
            {"description", text(r[3])},
            {"value", nlohmann::json::parse(text(r[4]))},
            {"version", storage::as_int(r[5]).value_or(0)},
            {"origin", text(r[6])},
            {"edited", storage::as_int(r[7]).value_or(0) != 0},
            {"updated_at", text(r[8])}};
}

}  // namespace

ConstantStore::ConstantStore(storage::Database& db, records::RecordRepository& records, const Clock& clock)
    : db_(db), records_(records), clock_(clock) {}

nlohmann::json ConstantStore::list() {
    return db_.read([&](storage::Connection& c) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& r : c.query(SqlFragment("SELECT " + columns(c.dialect()) + " FROM constants ORDER BY name"), kKinds)) {
            items.push_back(row_json(r));
        }
        return nlohmann::json{{"items", std::move(items)}};
    });
}

nlohmann::json ConstantStore::get(const std::string& name) {
    auto row = db_.read([&](storage::Connection& c) {
        return c.query_one(SqlFragment("SELECT " + columns(c.dialect()) + " FROM constants WHERE name = ").bind(name), kKinds);
    });
    if (!row) throw Problem::not_found("there is no constant named '" + name + "'");
    return row_json(*row);
}

std::optional<std::string> ConstantStore::check_value(const std::string& name, const std::string& type_name,
                                                      const nlohmann::json& value) {
    auto type = ConstantType::parse(type_name);
    if (value.is_null()) return std::nullopt;  // not set (seed 003: constants are optional)
    if (auto problem = type->problem(value)) return name + " is a " + type_name + " constant: " + *problem;
    std::vector<std::int64_t> users;
    if (type->kind() == ConstantType::Kind::User) users.push_back(value.get<std::int64_t>());
    if (type->kind() == ConstantType::Kind::Users) users = value.get<std::vector<std::int64_t>>();
    for (auto id : users) {
        auto found = db_.read([&](storage::Connection& c) {
            return c.query_int(SqlFragment("SELECT id FROM \"user\" WHERE archived_at IS NULL AND id = ").bind(id));
        });
        if (!found) return name + ": there is no user #" + std::to_string(id);
    }
    if (type->kind() == ConstantType::Kind::Record) {
        const auto record_type = value["type"].get<std::string>();
        if (!records_.registry().find(record_type)) return name + ": there is no entity type '" + record_type + "'";
        try {
            records_.get(Actor::system_actor("constants"), record_type, value["id"].get<std::int64_t>());
        } catch (const Problem&) {
            return name + ": there is no " + record_type + " #" + std::to_string(value["id"].get<std::int64_t>());
        }
    }
    return std::nullopt;
}

void ConstantStore::write_version(const std::string& name, std::int64_t version, const std::string& type,
                                  const nlohmann::json& value, const Actor& actor) {
    db_.write([&](storage::Transaction& tx) {
        tx.conn().exec(SqlFragment("INSERT INTO constant_versions (name, version, type, value, author_id, author, at) VALUES (")
                           .bind(name).sql(", ").bind(version).sql(", ").bind(type).sql(", ").bind(value.dump()).sql(", ")
                           .bind(actor.user_id > 0 ? storage::SqlValue(actor.user_id) : storage::SqlValue{}).sql(", ")
                           .bind(actor.login).sql(", ").bind(format_utc(clock_.now())).sql(")"));
    });
}

nlohmann::json ConstantStore::put(const Actor& actor, const std::string& name, const nlohmann::json& body) {
    if (!ConstantType::valid_name(name)) {
        throw Problem::validation({{"name", "invalid_name",
                                    "a constant name starts with a Latin letter and has only Latin letters, digits and "
                                    "underscores (no spaces), at most 64 characters"}});
    }
    if (!body.is_object()) throw Problem::bad_request("the body must be a JSON object");
    std::optional<nlohmann::json> existing;
    try {
        existing = get(name);
    } catch (const Problem&) {
    }
    std::vector<FieldError> errors;
    std::string type = existing ? (*existing)["type"].get<std::string>() : "";
    if (body.contains("type")) type = body["type"].is_string() ? body["type"].get<std::string>() : "";
    if (!ConstantType::parse(type)) {
        std::string all;
        for (const auto& n : ConstantType::names()) all += (all.empty() ? "" : ", ") + n;
        errors.push_back({"type", "invalid_type", "type must be one of: " + all});
    }
    if (!body.contains("value")) errors.push_back({"value", "required", "value is required"});
    for (const char* field : {"label", "description"}) {
        if (body.contains(field) && !body[field].is_string()) errors.push_back({field, "type", std::string(field) + " must be a string"});
    }
    if (errors.empty()) {
        if (auto problem = check_value(name, type, body["value"])) errors.push_back({"value", "wrong_type", *problem});
    }
    if (!errors.empty()) throw Problem::validation(std::move(errors));
    const auto label = body.value("label", existing ? (*existing)["label"].get<std::string>() : "");
    const auto description = body.value("description", existing ? (*existing)["description"].get<std::string>() : "");
    const auto now = format_utc(clock_.now());
    const std::int64_t version = existing ? (*existing)["version"].get<std::int64_t>() + 1 : 1;
    db_.write([&](storage::Transaction& tx) {
        if (existing) {
            tx.conn().exec(SqlFragment("UPDATE constants SET type = ").bind(type).sql(", label = ").bind(label)
                               .sql(", description = ").bind(description).sql(", value = ").bind(body["value"].dump())
                               .sql(", version = ").bind(version).sql(", edited = ").bind(std::int64_t{1})
                               .sql(", updated_at = ").bind(now).sql(" WHERE name = ").bind(name));
        } else {
            tx.conn().exec(SqlFragment("INSERT INTO constants (name, type, label, description, value, version, origin, edited, updated_at) VALUES (")
                               .bind(name).sql(", ").bind(type).sql(", ").bind(label).sql(", ").bind(description).sql(", ")
                               .bind(body["value"].dump()).sql(", ").bind(version).sql(", 'admin', ").bind(std::int64_t{1})
                               .sql(", ").bind(now).sql(")"));
        }
        write_version(name, version, type, body["value"], actor);
        tx.after_end([this] { invalidate(); });
    });
    return get(name);
}

nlohmann::json ConstantStore::versions(const std::string& name) {
    get(name);  // 404 for an unknown name
    return db_.read([&](storage::Connection& c) {
        const auto& d = c.dialect();
        nlohmann::json items = nlohmann::json::array();
        for (const auto& r : c.query(SqlFragment("SELECT version, type, " + d.select_expr("value", storage::ColumnType::Json) +
                                                 ", author, " + d.select_expr("at", storage::ColumnType::Timestamp) +
                                                 " FROM constant_versions WHERE name = ").bind(name).sql(" ORDER BY version DESC"),
                                     {ReadKind::Int, ReadKind::Text, ReadKind::Text, ReadKind::Text, ReadKind::Text})) {
            items.push_back({{"version", storage::as_int(r[0]).value_or(0)}, {"type", text(r[1])},
                             {"value", nlohmann::json::parse(text(r[2]))}, {"author", text(r[3])}, {"at", text(r[4])}});
        }
        return nlohmann::json{{"items", std::move(items)}};
    });
}

std::shared_ptr<const ConstantStore::Snapshot> ConstantStore::snapshot() {
    {
        std::lock_guard lock(mutex_);
        if (snapshot_ && std::chrono::steady_clock::now() - loaded_ < kRefresh) return snapshot_;
    }
    auto fresh = std::make_shared<Snapshot>();
    db_.read([&](storage::Connection& c) {
        for (const auto& r : c.query(SqlFragment("SELECT name, type, " + c.dialect().select_expr("value", storage::ColumnType::Json) +
                                                 " FROM constants"),
                                     {ReadKind::Text, ReadKind::Text, ReadKind::Text})) {
            const auto type = ConstantType::parse(text(r[1]));
            const auto value = nlohmann::json::parse(text(r[2]));
            (*fresh)[text(r[0])] = Entry{text(r[1]), type ? type->exposed(value) : value};
        }
    });
    std::lock_guard lock(mutex_);
    snapshot_ = fresh;
    loaded_ = std::chrono::steady_clock::now();
    return snapshot_;
}

void ConstantStore::invalidate() {
    std::lock_guard lock(mutex_);
    snapshot_.reset();
}

std::optional<nlohmann::json> ConstantStore::value(const std::string& name) {
    auto s = snapshot();
    auto it = s->find(name);
    if (it == s->end()) return std::nullopt;
    return it->second.exposed;
}

std::optional<std::string> ConstantStore::type_of(const std::string& name) {
    auto s = snapshot();
    auto it = s->find(name);
    if (it == s->end()) return std::nullopt;
    return it->second.type;
}

std::vector<std::string> ConstantStore::install_defaults(const std::vector<ConstantDefinition>& definitions,
                                                         const std::string& origin) {
    std::vector<std::string> problems;
    const Actor defaults = Actor::system_actor("defaults");
    for (const auto& def : definitions) {
        if (!ConstantType::valid_name(def.name)) {
            problems.push_back("constant '" + def.name + "' of " + origin + ": invalid name");
            continue;
        }
        if (!ConstantType::parse(def.type)) {
            problems.push_back("constant " + def.name + " of " + origin + ": unknown type '" + def.type + "'");
            continue;
        }
        if (auto problem = check_value(def.name, def.type, def.value)) {
            problems.push_back("constant of " + origin + ": " + *problem);
            continue;
        }
        std::optional<nlohmann::json> existing;
        try {
            existing = get(def.name);
        } catch (const Problem&) {
        }
        const auto now = format_utc(clock_.now());
        if (!existing) {
            db_.write([&](storage::Transaction& tx) {
                tx.conn().exec(SqlFragment("INSERT INTO constants (name, type, label, description, value, version, origin, edited, updated_at) VALUES (")
                                   .bind(def.name).sql(", ").bind(def.type).sql(", ").bind(def.label).sql(", ")
                                   .bind(def.description).sql(", ").bind(def.value.dump()).sql(", 1, ").bind(origin)
                                   .sql(", ").bind(std::int64_t{0}).sql(", ").bind(now).sql(")"));
                write_version(def.name, 1, def.type, def.value, defaults);
            });
            continue;
        }
        const auto& e = *existing;
        if (e["edited"].get<bool>() || e["origin"] != origin) continue;  // an administrator's value wins
        if (e["type"] == def.type && e["value"] == def.value && e["label"] == def.label && e["description"] == def.description) continue;
        const std::int64_t version = e["version"].get<std::int64_t>() + 1;
        db_.write([&](storage::Transaction& tx) {
            tx.conn().exec(SqlFragment("UPDATE constants SET type = ").bind(def.type).sql(", label = ").bind(def.label)
                               .sql(", description = ").bind(def.description).sql(", value = ").bind(def.value.dump())
                               .sql(", version = ").bind(version).sql(", updated_at = ").bind(now)
                               .sql(" WHERE name = ").bind(def.name));
            write_version(def.name, version, def.type, def.value, defaults);
        });
    }
    invalidate();
    return problems;
}

}  // namespace orbita::kernel::scripts
