// SPDX-License-Identifier: Apache-2.0
#include "acl/admin_api.hpp"

#include "acl/access_admin.hpp"
#include "audit/audit_query.hpp"
#include "core/problem.hpp"
#include "http/router.hpp"

namespace orbita::kernel::acl {

using http::Request;
using http::Response;

void register_admin_api(http::Router& router, AccessAdmin& admin, storage::Database& db) {
    const std::string users = "/api/v1/admin/users", roles = "/api/v1/admin/roles", tag = "admin";
    auto add = [&](const char* method, std::string pattern, http::Handler handler, const char* summary) {
        router.add({.method = method, .pattern = std::move(pattern), .handler = std::move(handler), .summary = summary, .tag = tag});
    };
    auto no_content = [] { return Response::no_content(); };

    add("GET", users, [&admin](Request& r) { return Response::json(admin.list_users(r.actor(), r.query())); },
        "Users with their roles (records API filters and paging apply)");
    add("POST", users, [&admin](Request& r) { return Response::json(201, admin.create_user(r.actor(), r.json_body())); },
        "Create a user with a password and roles");
    add("GET", users + "/{id}", [&admin](Request& r) { return Response::json(admin.user(r.actor(), r.id_param("id"))); },
        "A user with roles, personal overrides, 2FA and lockout state");
    add("PUT", users + "/{id}/roles", [&admin, no_content](Request& r) {
            admin.set_user_roles(r.actor(), r.id_param("id"), r.json_body().value("roles", nlohmann::json()));
            return no_content();
        }, "Replace a user's roles ({\"roles\": [names]})");
    add("PUT", users + "/{id}/overrides", [&admin, no_content](Request& r) {
            admin.set_user_overrides(r.actor(), r.id_param("id"), r.json_body().value("overrides", nlohmann::json()));
            return no_content();
        }, "Replace a user's personal grants and denials");
    add("POST", users + "/{id}/password", [&admin, no_content](Request& r) {
            auto body = r.json_body();
            if (!body.is_object() || !body.contains("password") || !body["password"].is_string())
                throw Problem::validation({{"password", "required", "is required"}});
            admin.set_password(r.actor(), r.id_param("id"), body["password"]);
            return no_content();
        }, "Set a user's password (ends the user's sessions)");
    add("POST", users + "/{id}/unlock", [&admin, no_content](Request& r) {
            admin.unlock(r.actor(), r.id_param("id"));
            return no_content();
        }, "Lift a sign-in lockout");
    add("POST", users + "/{id}/sessions/end", [&admin, no_content](Request& r) {
            admin.end_sessions(r.actor(), r.id_param("id"));
            return no_content();
        }, "Sign a user out everywhere");
    add("DELETE", users + "/{id}/totp", [&admin, no_content](Request& r) {
            admin.reset_totp(r.actor(), r.id_param("id"));
            return no_content();
        }, "Reset a user's second factor");
    add("GET", users + "/{id}/tokens", [&admin](Request& r) { return Response::json(admin.user_tokens(r.actor(), r.id_param("id"))); },
        "A user's API tokens");
    add("DELETE", users + "/{id}/tokens/{token}", [&admin, no_content](Request& r) {
            admin.revoke_user_token(r.actor(), r.id_param("id"), r.id_param("token"));
            return no_content();
        }, "Revoke a user's API token");

    add("GET", roles, [&admin](Request& r) { return Response::json(admin.list_roles(r.actor())); }, "Roles");
    add("POST", roles, [&admin](Request& r) { return Response::json(201, admin.create_role(r.actor(), r.json_body())); },
        "Create a role with permissions and field rules");
    add("GET", roles + "/{id}", [&admin](Request& r) { return Response::json(admin.role(r.actor(), r.id_param("id"))); }, "A role");
    add("PATCH", roles + "/{id}", [&admin](Request& r) {
            return Response::json(admin.update_role(r.actor(), r.id_param("id"), r.json_body()));
        }, "Change a role's label, description or 2FA requirement");
    add("DELETE", roles + "/{id}", [&admin, no_content](Request& r) {
            admin.delete_role(r.actor(), r.id_param("id"));
            return no_content();
        }, "Delete a role (not the built-in ones)");
    add("PUT", roles + "/{id}/permissions", [&admin](Request& r) {
            return Response::json(admin.set_role_permissions(r.actor(), r.id_param("id"), r.json_body()));
        }, "Replace a role's permissions ([{target, operation, scope}])");
    add("PUT", roles + "/{id}/field_rules", [&admin](Request& r) {
            return Response::json(admin.set_role_field_rules(r.actor(), r.id_param("id"), r.json_body()));
        }, "Replace a role's field restrictions ([{entity_type, field, access}])");
    add("GET", "/api/v1/admin/permissions", [&admin](Request& r) { return Response::json(admin.catalog(r.actor())); },
        "Every permission target with its operations, and the scopes");

    router.add({.method = "GET", .pattern = "/api/v1/audit", .handler = [&admin, &db](Request& r) {
                    const auto& p = r.actor().access;
                    if (!p || !p->can("audit", "read")) {
                        admin.require_admin(r.actor(), "read the audit log");
                    }
                    return Response::json(audit::query_audit(db, audit::AuditFilter::parse(r.query())));
                },
                .summary = "Audit trail: sign-ins, refusals, rights and token changes, record changes", .tag = "audit"});
}

}  // namespace orbita::kernel::acl
