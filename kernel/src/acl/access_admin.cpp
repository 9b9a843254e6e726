// SPDX-License-Identifier: Apache-2.0
#include "acl/access_admin.hpp"

#include "core/nearest_name.hpp"
#include "core/problem.hpp"

#include <regex>

namespace orbita::kernel::acl {

using storage::ReadKind;
using storage::SqlFragment;

namespace {

nlohmann::json grants_json(const std::vector<Grant>& grants) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& g : grants) out.push_back({{"target", g.target}, {"operation", g.operation}, {"scope", to_string(g.scope)}});
    return out;
}

}  // namespace

void AccessAdmin::require_admin(const Actor& actor, const std::string& what) const {
    if (actor.access && (actor.access->administrator || actor.access->system)) return;
    audit_.record(actor, "access.denied", {{"operation", what}, {"reason", "administrators only"}});
    throw Problem::forbidden("only administrators may " + what);
}

std::string AccessAdmin::login_of(std::int64_t user_id) {
    auto login = db_.read([&](storage::Connection& c) {
        return c.query_one(SqlFragment("SELECT login FROM \"user\" WHERE id = ").bind(user_id), {ReadKind::Text});
    });
    if (!login) throw Problem::not_found("user #" + std::to_string(user_id) + " does not exist");
    return std::get<std::string>((*login)[0]);
}

Role AccessAdmin::role_or_404(std::int64_t id) {
    auto r = roles_.get(id);
    if (!r) throw Problem::not_found("role #" + std::to_string(id) + " does not exist");
    return *r;
}

nlohmann::json AccessAdmin::roles_of(std::int64_t user_id) {
    nlohmann::json out = nlohmann::json::array();
    for (auto id : roles_.user_roles(user_id)) {
        if (auto r = roles_.get(id)) out.push_back({{"id", r->id}, {"name", r->name}, {"label", r->label}});
    }
    return out;
}

std::vector<std::int64_t> AccessAdmin::role_ids(const nlohmann::json& names) {
    if (!names.is_array()) throw Problem::bad_request("roles must be an array of role names");
    std::vector<std::string> known;
    for (const auto& r : roles_.list()) known.push_back(r.name);
    std::vector<std::int64_t> ids;
    std::vector<FieldError> errors;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::string path = "roles[" + std::to_string(i) + "]";
        if (!names[i].is_string()) {
            errors.push_back({path, "wrong_type", "must be a role name"});
            continue;
        }
        auto r = roles_.find(names[i].get<std::string>());
        if (!r) {
            errors.push_back({path, "unknown_role", "unknown role '" + names[i].get<std::string>() + "'" +
                                                        did_you_mean(names[i].get<std::string>(), known)});
            continue;
        }
        if (std::find(ids.begin(), ids.end(), r->id) == ids.end()) ids.push_back(r->id);
    }
    if (!errors.empty()) throw Problem::validation(std::move(errors));
    return ids;
}

void AccessAdmin::ensure_admin_remains(std::int64_t user_id, const std::vector<std::int64_t>& new_roles) {
    auto admin = roles_.find("administrator");
    if (!admin || std::find(new_roles.begin(), new_roles.end(), admin->id) != new_roles.end()) return;
    auto members = roles_.role_members(admin->id);
    const bool holds = std::find(members.begin(), members.end(), user_id) != members.end();
    // Inactive or archived administrators cannot sign in, so they do not count.
    if (holds && other_active_administrators(user_id) == 0)
        throw Problem::conflict("last-administrator", "this is the only administrator; give the role to someone else first");
}

std::int64_t AccessAdmin::other_active_administrators(std::int64_t except) {
    return db_.read([&](storage::Connection& conn) {
        const std::string yes = conn.dialect().name() == "sqlite" ? "1" : "TRUE";
        return conn.query_int(SqlFragment("SELECT COUNT(*) FROM user_roles ur JOIN roles r ON r.id = ur.role_id"
                                          " JOIN \"user\" u ON u.id = ur.user_id WHERE r.name = 'administrator' AND r.builtin = " +
                                          yes + " AND u.archived_at IS NULL AND u.active = " + yes + " AND u.id <> ")
                                  .bind(except))
            .value_or(0);
    });
}

void AccessAdmin::watch_users(events::EventBus& events) {
    auto disabled = [](const events::Event& e) {
        const auto& record = e.payload["record"];
        return record.value("active", true) == false || !record.value("archived_at", nlohmann::json()).is_null();
    };
    // Inside the writing transaction, so a refusal rolls the change back.
    events.subscribe(
        "record.*",
        [this, disabled](const events::Event& e) {
            if (e.entity_type != "user" || !disabled(e)) return;
            auto admin = roles_.find("administrator");
            if (!admin) return;
            auto held = roles_.user_roles(e.record_id);
            if (std::find(held.begin(), held.end(), admin->id) != held.end() && other_active_administrators(e.record_id) == 0)
                throw Problem::conflict("last-administrator",
                                        "this is the only active administrator; give the role to someone else first");
        },
        events::Phase::InTransaction);
    // After commit: department, manager, activity and archival are part of a user's rights, and a
    // cached profile would otherwise keep a deactivated user working for seconds.
    events.subscribe(
        "record.*",
        [this, disabled](const events::Event& e) {
            // Profiles also hold the department tree, so moving a department counts too.
            if (e.entity_type == "department") profiles_.invalidate();
            if (e.entity_type != "user") return;
            profiles_.invalidate();
            if (disabled(e)) auth_.sessions().revoke_user(e.record_id);
        },
        events::Phase::AfterCommit);
}

nlohmann::json AccessAdmin::list_users(const Actor& actor, const records::QueryParams& params) {
    require_admin(actor, "list users and their rights");
    auto page = records_.list(actor, "user", records::parse_list_query(params, 500));
    for (auto& u : page.items) u["roles"] = roles_of(u["id"].get<std::int64_t>());
    return {{"items", page.items}, {"next_cursor", page.next_cursor ? nlohmann::json(*page.next_cursor) : nlohmann::json(nullptr)}};
}

nlohmann::json AccessAdmin::user(const Actor& actor, std::int64_t id) {
    require_admin(actor, "inspect users' rights");
    auto u = records_.get(actor, "user", id);
    auto creds = auth_.credentials().get(id);
    auto locked = auth_.throttle().locked_until(u["login"].get<std::string>());
    u["roles"] = roles_of(id);
    u["overrides"] = grants_json(roles_.user_overrides(id));
    u["has_password"] = creds && !creds->password_hash.empty();
    u["totp_enabled"] = creds && creds->totp_enabled;
    u["locked_until"] = locked ? nlohmann::json(format_utc(*locked)) : nlohmann::json(nullptr);
    return u;
}

nlohmann::json AccessAdmin::create_user(const Actor& actor, const nlohmann::json& body) {
    require_admin(actor, "create users");
    if (!body.is_object()) throw Problem::bad_request("send a JSON object");
    nlohmann::json fields = body;
    fields.erase("password");
    fields.erase("roles");
    if (!body.contains("password") || !body["password"].is_string())
        throw Problem::validation({{"password", "required", "is required"}});
    auto ids = role_ids(body.value("roles", nlohmann::json::array()));
    const std::int64_t id = db_.write([&](storage::Transaction&) {
        auto created = records_.create(actor, "user", fields);
        const auto user_id = created["id"].get<std::int64_t>();
        auth_.set_password(user_id, body["password"].get<std::string>());
        roles_.set_user_roles(user_id, ids);
        audit_.record(actor, "user.created", {{"login", created["login"]}, {"roles", body.value("roles", nlohmann::json::array())}},
                      "user", user_id);
        return user_id;
    });
    profiles_.invalidate();
    return user(actor, id);
}

void AccessAdmin::set_user_roles(const Actor& actor, std::int64_t id, const nlohmann::json& names) {
    require_admin(actor, "change users' roles");
    login_of(id);
    auto ids = role_ids(names);
    ensure_admin_remains(id, ids);
    db_.write([&](storage::Transaction&) {
        auto before = roles_of(id);
        roles_.set_user_roles(id, ids);
        audit_.record(actor, "user.roles_changed", {{"old", before}, {"new", roles_of(id)}}, "user", id);
    });
    profiles_.invalidate();
}

void AccessAdmin::set_user_overrides(const Actor& actor, std::int64_t id, const nlohmann::json& list) {
    require_admin(actor, "change personal permissions");
    login_of(id);
    auto grants = validator_.grants(list);
    db_.write([&](storage::Transaction&) {
        auto before = grants_json(roles_.user_overrides(id));
        roles_.set_user_overrides(id, grants);
        audit_.record(actor, "user.overrides_changed", {{"old", before}, {"new", grants_json(grants)}}, "user", id);
    });
    profiles_.invalidate();
}

void AccessAdmin::set_password(const Actor& actor, std::int64_t id, const std::string& password) {
    require_admin(actor, "set users' passwords");
    login_of(id);
    auth_.set_password(id, password);
    auth_.sessions().revoke_user(id);
    audit_.record(actor, "user.password_set", {}, "user", id);
}

void AccessAdmin::unlock(const Actor& actor, std::int64_t id) {
    require_admin(actor, "unlock users");
    auth_.throttle().unlock(login_of(id));
    audit_.record(actor, "user.unlocked", {}, "user", id);
}

void AccessAdmin::end_sessions(const Actor& actor, std::int64_t id) {
    require_admin(actor, "end users' sessions");
    login_of(id);
    auth_.sessions().revoke_user(id);
    audit_.record(actor, "user.sessions_ended", {}, "user", id);
}

void AccessAdmin::reset_totp(const Actor& actor, std::int64_t id) {
    require_admin(actor, "reset two-factor authentication");
    login_of(id);
    auth_.reset_totp(actor, id);
}

nlohmann::json AccessAdmin::user_tokens(const Actor& actor, std::int64_t id) {
    require_admin(actor, "inspect users' API tokens");
    login_of(id);
    return {{"items", auth_.tokens().list(id)}};
}

void AccessAdmin::revoke_user_token(const Actor& actor, std::int64_t id, std::int64_t token_id) {
    require_admin(actor, "revoke users' API tokens");
    if (!auth_.revoke_token(actor, id, token_id)) throw Problem::not_found("no live token #" + std::to_string(token_id));
}

nlohmann::json AccessAdmin::list_roles(const Actor& actor) {
    require_admin(actor, "list roles");
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : roles_.list()) {
        auto j = r.to_json();
        j["members"] = roles_.role_members(r.id).size();
        items.push_back(std::move(j));
    }
    return {{"items", items}};
}

nlohmann::json AccessAdmin::role(const Actor& actor, std::int64_t id) {
    require_admin(actor, "inspect roles");
    auto j = role_or_404(id).to_json();
    j["members"] = roles_.role_members(id);
    return j;
}

nlohmann::json AccessAdmin::create_role(const Actor& actor, const nlohmann::json& body) {
    require_admin(actor, "create roles");
    if (!body.is_object()) throw Problem::bad_request("send a JSON object");
    std::vector<FieldError> errors;
    static const std::regex name_pattern("^[a-z][a-z0-9_]{1,49}$");
    Role r;
    r.name = body.value("name", "");
    if (!std::regex_match(r.name, name_pattern))
        errors.push_back({"name", "invalid", "2..50 characters: lower-case letters, digits, underscores"});
    else if (roles_.find(r.name))
        errors.push_back({"name", "not_unique", "a role named '" + r.name + "' exists"});
    r.label = body.value("label", nlohmann::json{{"ru", r.name}, {"en", r.name}});
    if (!r.label.is_object()) errors.push_back({"label", "wrong_type", "must be {\"ru\": ..., \"en\": ...}"});
    r.description = body.value("description", "");
    r.require_totp = body.value("require_totp", false);
    for (const auto& [key, value] : body.items()) {
        static const std::vector<std::string> known = {"name", "label", "description", "require_totp", "permissions", "field_rules"};
        if (std::find(known.begin(), known.end(), key) == known.end())
            errors.push_back({key, "unknown_field", "unknown field '" + key + "'" + did_you_mean(key, known)});
    }
    if (!errors.empty()) throw Problem::validation(std::move(errors));
    r.permissions = validator_.grants(body.value("permissions", nlohmann::json::array()));
    r.field_rules = validator_.field_rules(body.value("field_rules", nlohmann::json::array()));
    const auto id = db_.write([&](storage::Transaction&) {
        auto new_id = roles_.create(r, format_utc(clock_.now()));
        audit_.record(actor, "role.created", {{"name", r.name}, {"permissions", grants_json(r.permissions)}}, "role", new_id);
        return new_id;
    });
    profiles_.invalidate();
    return role(actor, id);
}

nlohmann::json AccessAdmin::update_role(const Actor& actor, std::int64_t id, const nlohmann::json& body) {
    require_admin(actor, "change roles");
    Role r = role_or_404(id);
    if (!body.is_object()) throw Problem::bad_request("send a JSON object");
    std::vector<FieldError> errors;
    for (const auto& [key, value] : body.items()) {
        if (key == "label" && value.is_object()) {
            r.label = value;
        } else if (key == "description" && value.is_string()) {
            r.description = value;
        } else if (key == "require_totp" && value.is_boolean()) {
            r.require_totp = value;
        } else {
            errors.push_back({key, "read_only", "only label, description and require_totp change here"});
        }
    }
    if (!errors.empty()) throw Problem::validation(std::move(errors));
    db_.write([&](storage::Transaction&) {
        roles_.update(r);
        audit_.record(actor, "role.updated", body, "role", id);
    });
    profiles_.invalidate();
    return role(actor, id);
}

void AccessAdmin::delete_role(const Actor& actor, std::int64_t id) {
    require_admin(actor, "delete roles");
    Role r = role_or_404(id);
    if (r.builtin) throw Problem::conflict("builtin-role", "the built-in role '" + r.name + "' cannot be deleted");
    db_.write([&](storage::Transaction&) {
        roles_.remove(id);
        audit_.record(actor, "role.deleted", r.to_json(), "role", id);
    });
    profiles_.invalidate();
}

nlohmann::json AccessAdmin::set_role_permissions(const Actor& actor, std::int64_t id, const nlohmann::json& list) {
    require_admin(actor, "change role permissions");
    Role r = role_or_404(id);
    if (r.builtin) throw Problem::conflict("builtin-role", "the rights of built-in roles are fixed");
    auto grants = validator_.grants(list);
    db_.write([&](storage::Transaction&) {
        roles_.set_permissions(id, grants);
        audit_.record(actor, "role.permissions_changed", {{"old", grants_json(r.permissions)}, {"new", grants_json(grants)}}, "role", id);
    });
    profiles_.invalidate();
    return role(actor, id);
}

nlohmann::json AccessAdmin::set_role_field_rules(const Actor& actor, std::int64_t id, const nlohmann::json& list) {
    require_admin(actor, "change field restrictions");
    Role r = role_or_404(id);
    if (r.builtin) throw Problem::conflict("builtin-role", "the rights of built-in roles are fixed");
    auto rules = validator_.field_rules(list);
    db_.write([&](storage::Transaction&) {
        roles_.set_field_rules(id, rules);
        audit_.record(actor, "role.field_rules_changed", {{"old", r.to_json()["field_rules"]}, {"new", list}}, "role", id);
    });
    profiles_.invalidate();
    return role(actor, id);
}

nlohmann::json AccessAdmin::catalog(const Actor& actor) {
    require_admin(actor, "read the permission catalog");
    return validator_.catalog();
}

void AccessAdmin::assign_roles(std::int64_t user_id, const std::vector<std::string>& names) {
    auto ids = role_ids(nlohmann::json(names));
    auto current = roles_.user_roles(user_id);
    for (auto id : ids) {
        if (std::find(current.begin(), current.end(), id) == current.end()) current.push_back(id);
    }
    roles_.set_user_roles(user_id, current);
    profiles_.invalidate();
}

}  // namespace orbita::kernel::acl
