// SPDX-License-Identifier: Apache-2.0
// Roles, their permissions and field rules, user-role links and personal overrides.
#pragma once

#include "acl/access_profile.hpp"
#include "storage/database.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace orbita::kernel::acl {

/// One permission: `scope` of `operation` on `target` (an entity type or a declared id).
struct Grant {
    std::string target;
    std::string operation;
    Scope scope = Scope::None;
};

/// One field restriction of a role.
struct FieldRule {
    std::string entity_type;
    std::string field;
    FieldAccess access = FieldAccess::Hidden;
};

/// A role as stored.
struct Role {
    std::int64_t id = 0;
    std::string name;
    nlohmann::json label = nlohmann::json::object();
    std::string description;
    bool builtin = false;
    bool require_totp = false;
    std::vector<Grant> permissions;
    std::vector<FieldRule> field_rules;

    nlohmann::json to_json() const;
};

/// Plain storage of the access model; checks of who may call it and of what is valid
/// live in AccessAdmin. Every method runs in the caller's transaction if there is one.
class RoleStore {
public:
    explicit RoleStore(storage::Database& db) : db_(db) {}

    std::vector<Role> list();
    std::optional<Role> get(std::int64_t id);
    std::optional<Role> find(const std::string& name);
    std::int64_t create(const Role& role, const std::string& now);
    void update(const Role& role);
    void remove(std::int64_t id);
    void set_permissions(std::int64_t role_id, const std::vector<Grant>& grants);
    void set_field_rules(std::int64_t role_id, const std::vector<FieldRule>& rules);

    std::vector<std::int64_t> user_roles(std::int64_t user_id);
    void set_user_roles(std::int64_t user_id, const std::vector<std::int64_t>& role_ids);
    std::vector<Grant> user_overrides(std::int64_t user_id);
    void set_user_overrides(std::int64_t user_id, const std::vector<Grant>& grants);
    /// Users holding a role (for "may the last administrator lose the role?" checks).
    std::vector<std::int64_t> role_members(std::int64_t role_id);

private:
    void load_details(storage::Connection& conn, Role& role);
    storage::Database& db_;
};

std::string_view to_string(FieldAccess access);
std::optional<FieldAccess> parse_field_access(std::string_view text);

}  // namespace orbita::kernel::acl
