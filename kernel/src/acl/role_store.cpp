// SPDX-License-Identifier: Apache-2.0
#include "acl/role_store.hpp"

namespace orbita::kernel::acl {

using storage::ReadKind;
using storage::SqlFragment;

std::string_view to_string(FieldAccess access) { return access == FieldAccess::Hidden ? "hidden" : "readonly"; }

std::optional<FieldAccess> parse_field_access(std::string_view text) {
    if (text == "hidden") return FieldAccess::Hidden;
    if (text == "readonly") return FieldAccess::ReadOnly;
    return std::nullopt;
}

nlohmann::json Role::to_json() const {
    nlohmann::json perms = nlohmann::json::array(), rules = nlohmann::json::array();
    for (const auto& g : permissions) perms.push_back({{"target", g.target}, {"operation", g.operation}, {"scope", to_string(g.scope)}});
    for (const auto& r : field_rules) rules.push_back({{"entity_type", r.entity_type}, {"field", r.field}, {"access", to_string(r.access)}});
    return {{"id", id},       {"name", name},       {"label", label},       {"description", description},
            {"builtin", builtin}, {"require_totp", require_totp}, {"permissions", perms}, {"field_rules", rules}};
}

namespace {

const std::vector<ReadKind> kRoleKinds = {ReadKind::Int, ReadKind::Text, ReadKind::Text, ReadKind::Text, ReadKind::Int,
                                          ReadKind::Int};

std::string role_columns(const storage::Dialect& d) {
    return "id, name, " + d.select_expr("label", storage::ColumnType::Json) + ", description, " +
           d.select_expr("builtin", storage::ColumnType::Bool) + ", " +
           d.select_expr("require_totp", storage::ColumnType::Bool);
}

Role role_of(const storage::Row& row) {
    Role r;
    r.id = std::get<std::int64_t>(row[0]);
    r.name = std::get<std::string>(row[1]);
    r.label = nlohmann::json::parse(std::get<std::string>(row[2]), nullptr, false);
    r.description = std::get<std::string>(row[3]);
    r.builtin = std::get<std::int64_t>(row[4]) != 0;
    r.require_totp = std::get<std::int64_t>(row[5]) != 0;
    return r;
}

}  // namespace

void RoleStore::load_details(storage::Connection& conn, Role& role) {
    for (auto& row : conn.query(SqlFragment("SELECT target, operation, scope FROM role_permissions WHERE role_id = ")
                                    .bind(role.id)
                                    .sql(" ORDER BY target, operation"),
                                {ReadKind::Text, ReadKind::Text, ReadKind::Text})) {
        role.permissions.push_back({std::get<std::string>(row[0]), std::get<std::string>(row[1]),
                                    parse_scope(std::get<std::string>(row[2])).value_or(Scope::None)});
    }
    for (auto& row : conn.query(SqlFragment("SELECT entity_type, field, access FROM role_field_rules WHERE role_id = ")
                                    .bind(role.id)
                                    .sql(" ORDER BY entity_type, field"),
                                {ReadKind::Text, ReadKind::Text, ReadKind::Text})) {
        role.field_rules.push_back({std::get<std::string>(row[0]), std::get<std::string>(row[1]),
                                    parse_field_access(std::get<std::string>(row[2])).value_or(FieldAccess::Hidden)});
    }
}

std::vector<Role> RoleStore::list() {
    return db_.read([&](storage::Connection& conn) {
        std::vector<Role> roles;
        for (auto& row : conn.query(SqlFragment("SELECT " + role_columns(conn.dialect()) + " FROM roles ORDER BY id"), kRoleKinds)) {
            roles.push_back(role_of(row));
            load_details(conn, roles.back());
        }
        return roles;
    });
}

std::optional<Role> RoleStore::get(std::int64_t id) {
    return db_.read([&](storage::Connection& conn) -> std::optional<Role> {
        auto row = conn.query_one(SqlFragment("SELECT " + role_columns(conn.dialect()) + " FROM roles WHERE id = ").bind(id),
                                  kRoleKinds);
        if (!row) return std::nullopt;
        Role r = role_of(*row);
        load_details(conn, r);
        return r;
    });
}

std::optional<Role> RoleStore::find(const std::string& name) {
    auto id = db_.read([&](storage::Connection& conn) {
        return conn.query_int(SqlFragment("SELECT id FROM roles WHERE name = ").bind(name));
    });
    return id ? get(*id) : std::nullopt;
}

std::int64_t RoleStore::create(const Role& role, const std::string& now) {
    return db_.write([&](storage::Transaction& tx) {
        const std::string no = tx.conn().dialect().name() == "sqlite" ? "0" : "FALSE";
        auto id = *tx.conn().query_int(
            SqlFragment("INSERT INTO roles (name, label, description, builtin, require_totp, created_at) VALUES (")
                .bind(role.name).sql(", ").bind(role.label.dump()).sql(", ").bind(role.description)
                .sql(", " + no + ", ").bind(std::int64_t{role.require_totp ? 1 : 0}).sql(", ").bind(now)
                .sql(") RETURNING id"));
        set_permissions(id, role.permissions);
        set_field_rules(id, role.field_rules);
        return id;
    });
}

void RoleStore::update(const Role& role) {
    db_.write([&](storage::Transaction& tx) {
        tx.conn().exec(SqlFragment("UPDATE roles SET label = ").bind(role.label.dump())
                           .sql(", description = ").bind(role.description)
                           .sql(", require_totp = ").bind(std::int64_t{role.require_totp ? 1 : 0})
                           .sql(" WHERE id = ").bind(role.id));
    });
}

void RoleStore::remove(std::int64_t id) {
    db_.write([&](storage::Transaction& tx) {
        // Explicit deletes: SQLite enforces ON DELETE CASCADE only with foreign keys on,
        // and this keeps the statement order obvious.
        for (const char* table : {"role_permissions", "role_field_rules", "user_roles"}) {
            tx.conn().exec(SqlFragment(std::string("DELETE FROM ") + table + " WHERE role_id = ").bind(id));
        }
        tx.conn().exec(SqlFragment("DELETE FROM roles WHERE id = ").bind(id));
    });
}

void RoleStore::set_permissions(std::int64_t role_id, const std::vector<Grant>& grants) {
    db_.write([&](storage::Transaction& tx) {
        tx.conn().exec(SqlFragment("DELETE FROM role_permissions WHERE role_id = ").bind(role_id));
        for (const auto& g : grants) {
            tx.conn().exec(SqlFragment("INSERT INTO role_permissions (role_id, target, operation, scope) VALUES (")
                               .bind(role_id).sql(", ").bind(g.target).sql(", ").bind(g.operation).sql(", ")
                               .bind(std::string(to_string(g.scope))).sql(")"));
        }
    });
}

void RoleStore::set_field_rules(std::int64_t role_id, const std::vector<FieldRule>& rules) {
    db_.write([&](storage::Transaction& tx) {
        tx.conn().exec(SqlFragment("DELETE FROM role_field_rules WHERE role_id = ").bind(role_id));
        for (const auto& r : rules) {
            tx.conn().exec(SqlFragment("INSERT INTO role_field_rules (role_id, entity_type, field, access) VALUES (")
                               .bind(role_id).sql(", ").bind(r.entity_type).sql(", ").bind(r.field).sql(", ")
                               .bind(std::string(to_string(r.access))).sql(")"));
        }
    });
}

std::vector<std::int64_t> RoleStore::user_roles(std::int64_t user_id) {
    return db_.read([&](storage::Connection& conn) {
        std::vector<std::int64_t> ids;
        for (auto& row : conn.query(SqlFragment("SELECT role_id FROM user_roles WHERE user_id = ").bind(user_id).sql(" ORDER BY role_id"),
                                    {ReadKind::Int}))
            ids.push_back(std::get<std::int64_t>(row[0]));
        return ids;
    });
}

void RoleStore::set_user_roles(std::int64_t user_id, const std::vector<std::int64_t>& role_ids) {
    db_.write([&](storage::Transaction& tx) {
        tx.conn().exec(SqlFragment("DELETE FROM user_roles WHERE user_id = ").bind(user_id));
        for (auto id : role_ids) {
            tx.conn().exec(SqlFragment("INSERT INTO user_roles (user_id, role_id) VALUES (").bind(user_id).sql(", ").bind(id).sql(")"));
        }
    });
}

std::vector<Grant> RoleStore::user_overrides(std::int64_t user_id) {
    return db_.read([&](storage::Connection& conn) {
        std::vector<Grant> grants;
        for (auto& row : conn.query(SqlFragment("SELECT target, operation, scope FROM user_overrides WHERE user_id = ")
                                        .bind(user_id)
                                        .sql(" ORDER BY target, operation"),
                                    {ReadKind::Text, ReadKind::Text, ReadKind::Text})) {
            grants.push_back({std::get<std::string>(row[0]), std::get<std::string>(row[1]),
                              parse_scope(std::get<std::string>(row[2])).value_or(Scope::None)});
        }
        return grants;
    });
}

void RoleStore::set_user_overrides(std::int64_t user_id, const std::vector<Grant>& grants) {
    db_.write([&](storage::Transaction& tx) {
        tx.conn().exec(SqlFragment("DELETE FROM user_overrides WHERE user_id = ").bind(user_id));
        for (const auto& g : grants) {
            tx.conn().exec(SqlFragment("INSERT INTO user_overrides (user_id, target, operation, scope) VALUES (")
                               .bind(user_id).sql(", ").bind(g.target).sql(", ").bind(g.operation).sql(", ")
                               .bind(std::string(to_string(g.scope))).sql(")"));
        }
    });
}

std::vector<std::int64_t> RoleStore::role_members(std::int64_t role_id) {
    return db_.read([&](storage::Connection& conn) {
        std::vector<std::int64_t> ids;
        for (auto& row : conn.query(SqlFragment("SELECT user_id FROM user_roles WHERE role_id = ").bind(role_id), {ReadKind::Int}))
            ids.push_back(std::get<std::int64_t>(row[0]));
        return ids;
    });
}

}  // namespace orbita::kernel::acl
