// SPDX-License-Identifier: Apache-2.0
// Administration of users' rights and of roles: only administrators, always audited.
#pragma once

#include "acl/grant_validator.hpp"
#include "acl/profile_cache.hpp"
#include "acl/role_store.hpp"
#include "audit/audit_log.hpp"
#include "auth/auth_service.hpp"
#include "core/actor.hpp"
#include "events/event_bus.hpp"
#include "records/record_repository.hpp"

#include <nlohmann/json.hpp>

namespace orbita::kernel::acl {

/// The operations behind /api/v1/admin. Each checks that the actor is an administrator
/// (seed 002: only administrators change rights), validates its input, applies it in
/// one transaction together with its audit entry, and drops cached profiles so the
/// change applies to the next request.
class AccessAdmin {
public:
    AccessAdmin(storage::Database& db, RoleStore& roles, GrantValidator& validator, ProfileCache& profiles,
                audit::AuditLog& audit, auth::AuthService& auth, records::RecordRepository& records, const Clock& clock)
        : db_(db), roles_(roles), validator_(validator), profiles_(profiles), audit_(audit), auth_(auth),
          records_(records), clock_(clock) {}

    /// 403 (audited) unless the actor holds the built-in administrator role.
    void require_admin(const Actor& actor, const std::string& what) const;

    nlohmann::json list_users(const Actor& actor, const records::QueryParams& params);
    nlohmann::json user(const Actor& actor, std::int64_t id);
    /// {login, full_name, ..., password, roles: [names]} -> the new user with roles.
    nlohmann::json create_user(const Actor& actor, const nlohmann::json& body);
    void set_user_roles(const Actor& actor, std::int64_t id, const nlohmann::json& names);
    void set_user_overrides(const Actor& actor, std::int64_t id, const nlohmann::json& grants);
    void set_password(const Actor& actor, std::int64_t id, const std::string& password);
    void unlock(const Actor& actor, std::int64_t id);
    void end_sessions(const Actor& actor, std::int64_t id);
    void reset_totp(const Actor& actor, std::int64_t id);
    nlohmann::json user_tokens(const Actor& actor, std::int64_t id);
    void revoke_user_token(const Actor& actor, std::int64_t id, std::int64_t token_id);

    nlohmann::json list_roles(const Actor& actor);
    nlohmann::json role(const Actor& actor, std::int64_t id);
    nlohmann::json create_role(const Actor& actor, const nlohmann::json& body);
    nlohmann::json update_role(const Actor& actor, std::int64_t id, const nlohmann::json& body);
    void delete_role(const Actor& actor, std::int64_t id);
    nlohmann::json set_role_permissions(const Actor& actor, std::int64_t id, const nlohmann::json& grants);
    nlohmann::json set_role_field_rules(const Actor& actor, std::int64_t id, const nlohmann::json& rules);
    nlohmann::json catalog(const Actor& actor);

    /// Assigns roles by name (CLI, demo data); no actor check.
    void assign_roles(std::int64_t user_id, const std::vector<std::string>& names);

    /// Follows changes of `user` records, whoever makes them: a user deactivated or
    /// archived loses cached rights and sessions at once, and the last active
    /// administrator cannot be deactivated or archived (409, the write rolls back).
    void watch_users(events::EventBus& events);

private:
    Role role_or_404(std::int64_t id);
    std::string login_of(std::int64_t user_id);
    std::vector<std::int64_t> role_ids(const nlohmann::json& names);
    void ensure_admin_remains(std::int64_t user_id, const std::vector<std::int64_t>& new_roles);
    /// Active, unarchived holders of the administrator role other than `except`.
    std::int64_t other_active_administrators(std::int64_t except);
    nlohmann::json roles_of(std::int64_t user_id);

    storage::Database& db_;
    RoleStore& roles_;
    GrantValidator& validator_;
    ProfileCache& profiles_;
    audit::AuditLog& audit_;
    auth::AuthService& auth_;
    records::RecordRepository& records_;
    const Clock& clock_;
};

}  // namespace orbita::kernel::acl
