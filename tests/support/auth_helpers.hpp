// SPDX-License-Identifier: Apache-2.0
// Shared steps of the identity and permission tests: signing in like a browser (session
// cookie + CSRF token), creating roles and rights through the admin API, reading the
// audit trail.
#pragma once

#include "support/http_client.hpp"
#include "support/records_helpers.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace orbita::test {

/// A browser: signs in with a password, then sends the `orbita_session` cookie and,
/// on state-changing requests, the CSRF token (both can be replaced to play an attacker).
class SessionClient {
public:
    explicit SessionClient(int port) : http_(port) {}

    /// POST /api/v1/auth/login; on 200 keeps the cookie and the CSRF token.
    HttpResponse login(const std::string& login, const std::string& password, const std::string& totp = "");

    /// Sends the cookie; adds X-CSRF-Token to everything but GET/HEAD when `with_csrf`.
    HttpResponse request(const std::string& method, const std::string& path, const std::string& body = "",
                         bool with_csrf = true, std::vector<std::pair<std::string, std::string>> headers = {});
    HttpResponse get(const std::string& path) { return request("GET", path); }
    HttpResponse post(const std::string& path, const nlohmann::json& body) { return request("POST", path, body.dump()); }
    HttpResponse patch(const std::string& path, const nlohmann::json& body) {
        return request("PATCH", path, body.dump(), true, {{"If-Match", "*"}});
    }
    HttpResponse del(const std::string& path) { return request("DELETE", path); }

    const std::string& cookie() const { return cookie_; }
    const std::string& csrf() const { return csrf_; }
    /// The Set-Cookie header of the last sign-in.
    const std::string& set_cookie() const { return set_cookie_; }
    void set_session(std::string cookie, std::string csrf) {
        cookie_ = std::move(cookie);
        csrf_ = std::move(csrf);
    }

private:
    HttpClient http_;
    std::string cookie_;
    std::string csrf_;
    std::string set_cookie_;
};

/// The value of cookie `name` in a Set-Cookie header, empty when it is not there.
std::string cookie_value(const std::string& set_cookie, const std::string& name);

/// Permissions granting `scope` on `target` for each of `operations` (default: every
/// record operation).
nlohmann::json grants(const std::string& target, const std::string& scope,
                      const std::vector<std::string>& operations = {"read", "create", "update", "delete", "export"});
/// Concatenates permission lists.
nlohmann::json concat(nlohmann::json a, const nlohmann::json& b);

/// POST /api/v1/admin/roles as `admin`; fails the test unless 201. Answers the role id.
std::int64_t create_role(HttpClient& admin, const std::string& name, const nlohmann::json& permissions,
                         const nlohmann::json& field_rules = nlohmann::json::array(), bool require_totp = false);
/// PUT /api/v1/admin/users/{id}/roles; fails the test unless 204.
void set_roles(HttpClient& admin, std::int64_t user_id, const std::vector<std::string>& roles);
/// PUT /api/v1/admin/users/{id}/overrides; fails the test unless 204.
void set_overrides(HttpClient& admin, std::int64_t user_id, const nlohmann::json& overrides);
/// The id of a role by name (admin API).
std::int64_t role_id(HttpClient& admin, const std::string& name);

/// GET /api/v1/audit with `params` as `admin`; fails the test unless 200. Answers items.
nlohmann::json audit_items(HttpClient& admin, const Params& params);
/// The id of the newest security event matching `params`, 0 when there is none. Take it
/// before an action, then `audited_since` tells whether the action left an entry.
std::int64_t newest_audit_id(HttpClient& admin, Params params);
/// True when an event matching `params` newer than `since` exists.
bool audited_since(HttpClient& admin, std::int64_t since, const Params& params);

/// The problem `type` slug of an error answer ("/problems/forbidden" -> "forbidden").
std::string problem_slug(const HttpResponse& r);

}  // namespace orbita::test
