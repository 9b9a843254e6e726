// SPDX-License-Identifier: Apache-2.0
#include "auth/auth_api.hpp"

#include "acl/access_profile.hpp"
#include "auth/auth_service.hpp"
#include "auth/session_authenticator.hpp"
#include "core/problem.hpp"
#include "http/router.hpp"
#include "records/record_repository.hpp"

namespace orbita::kernel::auth {

using http::Request;
using http::Response;

namespace {

std::string string_field(const nlohmann::json& body, const char* name, bool required = true) {
    if (!body.is_object()) throw Problem::bad_request("send a JSON object");
    if (!body.contains(name) || body[name].is_null()) {
        if (required) throw Problem::validation({{name, "required", "is required"}});
        return {};
    }
    if (!body[name].is_string()) throw Problem::validation({{name, "wrong_type", "must be a string"}});
    return body[name].get<std::string>();
}

nlohmann::json permissions_json(const acl::AccessProfile& p) {
    nlohmann::json grants = nlohmann::json::array();
    for (const auto& [key, scope] : p.grants) {
        grants.push_back({{"target", key.first}, {"operation", key.second}, {"scope", acl::to_string(p.scope(key.first, key.second))},
                          {"personal", p.overridden.count(key) > 0}});
    }
    nlohmann::json fields = nlohmann::json::object();
    for (const auto& [type, rules] : p.fields) {
        for (const auto& [field, access] : rules)
            fields[type][field] = access == acl::FieldAccess::Hidden ? "hidden" : "readonly";
    }
    return {{"administrator", p.administrator}, {"auditor", p.auditor}, {"grants", grants}, {"fields", fields}};
}

}  // namespace

void register_auth_api(http::Router& router, AuthService& auth, records::RecordRepository& records) {
    const std::string tag = "auth";
    router.add({.method = "POST", .pattern = "/api/v1/auth/login", .handler = [&auth](Request& req) {
                    auto body = req.json_body();
                    LoginRequest login{string_field(body, "login"), string_field(body, "password"),
                                       string_field(body, "totp", false), req.client_address(), req.header("User-Agent")};
                    auto result = auth.login(login);
                    Response r = Response::json(result.body);
                    r.headers.emplace_back("Set-Cookie", session_cookie(result.session.token,
                                                                        auth.options().session_max_days * 86400,
                                                                        auth.options().secure_cookies));
                    return r;
                },
                .public_access = true, .summary = "Sign in (login, password and, when enabled, a TOTP code)", .tag = tag});

    router.add({.method = "POST", .pattern = "/api/v1/auth/logout", .handler = [&auth](Request& req) {
                    if (!req.actor().session.empty()) auth.logout(Session{req.actor().session, req.actor().user_id, {}, {}, false}, req.actor());
                    Response r = Response::no_content();
                    r.headers.emplace_back("Set-Cookie", session_cookie("", 0, auth.options().secure_cookies));
                    return r;
                },
                .summary = "Sign out (ends the session)", .tag = tag});

    router.add({.method = "GET", .pattern = "/api/v1/auth/me", .handler = [&auth, &records](Request& req) {
                    const Actor& a = req.actor();
                    auto user = records.get(Actor::system_actor("auth"), "user", a.user_id);
                    auto creds = auth.credentials().get(a.user_id);
                    nlohmann::json body = {{"user", user},
                                           {"roles", a.access->roles},
                                           {"permissions", permissions_json(*a.access)},
                                           {"totp_enabled", creds && creds->totp_enabled},
                                           {"totp_required", auth.totp_required(a.user_id)}};
                    if (!a.session.empty()) {
                        auto session = auth.sessions().find(req.cookie(kSessionCookie));
                        if (session) {
                            body["csrf_token"] = session->csrf_token;
                            body["session_expires_at"] = session->expires_at;
                            body["totp_setup_required"] = session->restricted;
                        }
                    }
                    return Response::json(body);
                },
                .summary = "The signed-in user, roles and effective permissions", .tag = tag});

    router.add({.method = "PATCH", .pattern = "/api/v1/auth/me", .handler = [&records](Request& req) {
                    // Personal preferences only; everything else about a user is an administrator's business.
                    auto body = req.json_body();
                    if (!body.is_object()) throw Problem::bad_request("send a JSON object");
                    nlohmann::json patch = nlohmann::json::object();
                    std::vector<FieldError> errors;
                    for (const auto& [key, value] : body.items()) {
                        if (key == "locale" || key == "time_zone") {
                            patch[key] = value;
                        } else {
                            errors.push_back({key, "read_only", "only locale and time_zone can be changed here"});
                        }
                    }
                    if (!errors.empty()) throw Problem::validation(std::move(errors));
                    return Response::json(records.update(Actor::system_actor("self-service"), "user", req.actor().user_id,
                                                         patch, std::nullopt, true));
                },
                .summary = "Change one's own language and time zone", .tag = tag});

    router.add({.method = "POST", .pattern = "/api/v1/auth/password", .handler = [&auth](Request& req) {
                    auto body = req.json_body();
                    auth.change_password(req.actor(), string_field(body, "current_password"), string_field(body, "new_password"));
                    Response r = Response::no_content();
                    r.headers.emplace_back("Set-Cookie", session_cookie("", 0, auth.options().secure_cookies));
                    return r;
                },
                .summary = "Change one's own password (ends every session)", .tag = tag});

    router.add({.method = "POST", .pattern = "/api/v1/auth/totp/setup", .handler = [&auth](Request& req) {
                    return Response::json(auth.begin_totp(req.actor()));
                },
                .summary = "Start two-factor set-up: secret and otpauth URI", .tag = tag});

    router.add({.method = "POST", .pattern = "/api/v1/auth/totp/enable", .handler = [&auth](Request& req) {
                    auto body = req.json_body();
                    std::optional<std::string> session;
                    if (!req.actor().session.empty()) session = req.actor().session;
                    auth.enable_totp(req.actor(), string_field(body, "code"), session);
                    return Response::no_content();
                },
                .summary = "Confirm two-factor set-up with a first code", .tag = tag});

    router.add({.method = "POST", .pattern = "/api/v1/auth/totp/disable", .handler = [&auth](Request& req) {
                    auth.disable_totp(req.actor(), string_field(req.json_body(), "password"));
                    return Response::no_content();
                },
                .summary = "Turn two-factor authentication off", .tag = tag});

    router.add({.method = "GET", .pattern = "/api/v1/auth/tokens", .handler = [&auth](Request& req) {
                    return Response::json({{"items", auth.tokens().list(req.actor().user_id)}});
                },
                .summary = "One's API tokens (never the secrets)", .tag = tag});

    router.add({.method = "POST", .pattern = "/api/v1/auth/tokens", .handler = [&auth](Request& req) {
                    auto body = req.json_body();
                    const std::string name = string_field(body, "name");
                    if (name.empty() || name.size() > 100) throw Problem::validation({{"name", "invalid", "1..100 characters"}});
                    int days = 0;
                    if (body.contains("expires_in_days")) {
                        if (!body["expires_in_days"].is_number_integer() || body["expires_in_days"].get<int>() < 1 ||
                            body["expires_in_days"].get<int>() > 3650)
                            throw Problem::validation({{"expires_in_days", "out_of_range", "must be 1..3650"}});
                        days = body["expires_in_days"].get<int>();
                    }
                    auto token = auth.create_token(req.actor(), name, days);
                    nlohmann::json out = token.info;
                    out["token"] = token.token;
                    return Response::json(201, out);
                },
                .summary = "Create an API token; the secret is returned once", .tag = tag});

    router.add({.method = "DELETE", .pattern = "/api/v1/auth/tokens/{id}", .handler = [&auth](Request& req) {
                    if (!auth.revoke_token(req.actor(), req.actor().user_id, req.id_param("id")))
                        throw Problem::not_found("no live token #" + req.param("id") + " of yours");
                    return Response::no_content();
                },
                .summary = "Revoke an API token", .tag = tag});
}

}  // namespace orbita::kernel::auth
