// SPDX-License-Identifier: Apache-2.0
#include "lists/saved_lists.hpp"

#include "acl/access_profile.hpp"
#include "core/problem.hpp"
#include "entity/entity_type.hpp"
#include "jobs/job.hpp"
#include "lists/saved_list_store.hpp"
#include "records/list_query.hpp"
#include "records/record_repository.hpp"
#include "storage/database.hpp"

#include <algorithm>

namespace orbita::kernel::lists {

namespace {

constexpr std::size_t kMaxName = 100;
constexpr std::size_t kMaxColumns = 50;

std::int64_t user_of(const Actor& actor) {
    if (actor.user_id <= 0) throw Problem::forbidden("only users keep saved lists");
    return actor.user_id;
}

bool holds_role(const Actor& actor, const std::string& role) {
    if (!actor.access) return false;
    const auto& roles = actor.access->roles;
    return actor.access->administrator || std::find(roles.begin(), roles.end(), role) != roles.end();
}

}  // namespace

std::vector<SavedList> SavedLists::visible(const Actor& actor, const std::string& type) {
    const auto user = user_of(actor);
    records_.registry().get(type);  // 404 for an unknown type
    const auto roles = actor.access ? actor.access->roles : std::vector<std::string>{};
    return db_.read([&](storage::Connection& conn) { return SavedListStore::visible(conn, type, user, roles); });
}

SavedList SavedLists::parse(const Actor& actor, const nlohmann::json& body, const std::string& type) {
    if (!body.is_object()) throw Problem::bad_request("send a JSON object");
    std::vector<FieldError> errors;
    SavedList l;
    l.owner_id = user_of(actor);
    l.entity_type = type;
    const auto name = body.value("name", nlohmann::json());
    if (!name.is_string() || name.get<std::string>().empty() || name.get<std::string>().size() > kMaxName)
        errors.push_back({"name", "invalid_value", "a name of 1 to 100 characters is required"});
    else
        l.name = name.get<std::string>();
    const auto type_def = records_.registry().get(type);
    const auto columns = body.value("columns", nlohmann::json::array());
    if (!columns.is_array() || columns.size() > kMaxColumns) {
        errors.push_back({"columns", "invalid_value", "columns must be a list of at most 50 field names"});
    } else {
        const auto& system = entity::system_field_names();
        for (const auto& c : columns) {
            const bool known = c.is_string() && (type_def->field(c.get<std::string>()) ||
                                                 std::find(system.begin(), system.end(), c.get<std::string>()) != system.end());
            const bool readable = known && (!actor.access || actor.access->field_readable(type, c.get<std::string>()));
            if (!readable) errors.push_back({"columns", "unknown_field", "no field " + c.dump() + " in " + type});
        }
        l.columns = columns;
    }
    l.filter = body.value("filter", nlohmann::json());
    if (!l.filter.is_null() && !l.filter.is_object())
        errors.push_back({"filter", "invalid_value", "filter must be a filter tree object or null"});
    const auto sort = body.value("sort", nlohmann::json("-id"));
    if (!sort.is_string()) errors.push_back({"sort", "invalid_value", "sort must be a string such as -id"});
    else l.sort = sort.get<std::string>();
    const auto role = body.value("shared_with_role", nlohmann::json());
    if (role.is_string() && !role.get<std::string>().empty()) {
        if (!holds_role(actor, role.get<std::string>()))
            errors.push_back({"shared_with_role", "invalid_value", "share only with a role you hold"});
        l.shared_role = role.get<std::string>();
    } else if (!role.is_null() && !(role.is_string() && role.get<std::string>().empty())) {
        errors.push_back({"shared_with_role", "invalid_value", "shared_with_role must be a role name or null"});
    }
    if (!errors.empty()) throw Problem::validation(std::move(errors));
    // The filter and sort as the records API would run them: 400 names what is wrong,
    // 403 if the type may not be read at all.
    records::QueryParams params{{"limit", "1"}, {"sort", l.sort}};
    if (!l.filter.is_null()) params.emplace_back("filter", l.filter.dump());
    records_.list(actor, type, records::parse_list_query(params, records_.options().max_page_size));
    return l;
}

SavedList SavedLists::create(const Actor& actor, const nlohmann::json& body) {
    const auto type = body.is_object() ? body.value("type", nlohmann::json()) : nlohmann::json();
    if (!type.is_string())
        throw Problem::validation({{"type", "required", "the entity type the list shows is required"}});
    SavedList l = parse(actor, body, type.get<std::string>());
    l.created_at = l.updated_at = jobs::to_millis(clock_.now());
    return db_.write([&](storage::Transaction& tx) {
        if (SavedListStore::name_taken(tx.conn(), l.owner_id, l.entity_type, l.name, 0))
            throw Problem::conflict("name-taken", "you already have a list named '" + l.name + "' of " + l.entity_type);
        l.id = SavedListStore::insert(tx.conn(), l);
        return l;
    });
}

SavedList SavedLists::own(const Actor& actor, std::int64_t id) {
    const auto user = user_of(actor);
    auto l = db_.read([&](storage::Connection& conn) { return SavedListStore::get(conn, id); });
    if (!l || l->owner_id != user) throw Problem::not_found("saved list #" + std::to_string(id) + " does not exist");
    return *l;
}

SavedList SavedLists::update(const Actor& actor, std::int64_t id, const nlohmann::json& body) {
    const SavedList current = own(actor, id);
    SavedList l = parse(actor, body, current.entity_type);
    l.id = id;
    l.created_at = current.created_at;
    l.updated_at = jobs::to_millis(clock_.now());
    db_.write([&](storage::Transaction& tx) {
        if (SavedListStore::name_taken(tx.conn(), l.owner_id, l.entity_type, l.name, id))
            throw Problem::conflict("name-taken", "you already have a list named '" + l.name + "' of " + l.entity_type);
        SavedListStore::update(tx.conn(), l);
    });
    return l;
}

void SavedLists::remove(const Actor& actor, std::int64_t id) {
    own(actor, id);
    db_.write([&](storage::Transaction& tx) { SavedListStore::remove(tx.conn(), id); });
}

}  // namespace orbita::kernel::lists
