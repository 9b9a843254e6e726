// SPDX-License-Identifier: Apache-2.0
#include "support/auth_helpers.hpp"

#include <catch2/catch.hpp>

namespace orbita::test {

std::string cookie_value(const std::string& set_cookie, const std::string& name) {
    const std::string prefix = name + "=";
    if (set_cookie.rfind(prefix, 0) != 0) return {};
    const auto end = set_cookie.find(';');
    return set_cookie.substr(prefix.size(), end == std::string::npos ? std::string::npos : end - prefix.size());
}

HttpResponse SessionClient::login(const std::string& login, const std::string& password, const std::string& totp) {
    nlohmann::json body = {{"login", login}, {"password", password}};
    if (!totp.empty()) body["totp"] = totp;
    auto r = http_.request("POST", "/api/v1/auth/login", body.dump());
    if (r.status == 200) {
        set_cookie_ = r.header("Set-Cookie");
        cookie_ = cookie_value(set_cookie_, "orbita_session");
        csrf_ = r.json().value("csrf_token", "");
    }
    return r;
}

HttpResponse SessionClient::request(const std::string& method, const std::string& path, const std::string& body,
                                    bool with_csrf, std::vector<std::pair<std::string, std::string>> headers) {
    if (!cookie_.empty()) headers.emplace_back("Cookie", "orbita_session=" + cookie_);
    if (with_csrf && method != "GET" && method != "HEAD") headers.emplace_back("X-CSRF-Token", csrf_);
    return http_.request(method, path, body, headers);
}

nlohmann::json grants(const std::string& target, const std::string& scope, const std::vector<std::string>& operations) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& op : operations) out.push_back({{"target", target}, {"operation", op}, {"scope", scope}});
    return out;
}

nlohmann::json concat(nlohmann::json a, const nlohmann::json& b) {
    for (const auto& item : b) a.push_back(item);
    return a;
}

std::int64_t create_role(HttpClient& admin, const std::string& name, const nlohmann::json& permissions,
                         const nlohmann::json& field_rules, bool require_totp) {
    nlohmann::json body = {{"name", name}, {"label", {{"ru", name}, {"en", name}}}, {"permissions", permissions},
                           {"field_rules", field_rules}};
    if (require_totp) body["require_totp"] = true;
    auto r = admin.post("/api/v1/admin/roles", body);
    INFO("create role " << name << ": " << r.status << " " << r.body);
    REQUIRE(r.status == 201);
    return r.json()["id"].get<std::int64_t>();
}

void set_roles(HttpClient& admin, std::int64_t user_id, const std::vector<std::string>& roles) {
    auto r = admin.request("PUT", "/api/v1/admin/users/" + std::to_string(user_id) + "/roles",
                           nlohmann::json({{"roles", roles}}).dump());
    INFO("set roles: " << r.status << " " << r.body);
    REQUIRE(r.status == 204);
}

void set_overrides(HttpClient& admin, std::int64_t user_id, const nlohmann::json& overrides) {
    auto r = admin.request("PUT", "/api/v1/admin/users/" + std::to_string(user_id) + "/overrides",
                           nlohmann::json({{"overrides", overrides}}).dump());
    INFO("set overrides: " << r.status << " " << r.body);
    REQUIRE(r.status == 204);
}

std::int64_t role_id(HttpClient& admin, const std::string& name) {
    auto r = admin.get("/api/v1/admin/roles");
    REQUIRE(r.status == 200);
    const auto roles = r.json();
    for (const auto& role : roles["items"]) {
        if (role["name"] == name) return role["id"].get<std::int64_t>();
    }
    FAIL("no role " << name);
    return 0;
}

nlohmann::json audit_items(HttpClient& admin, const Params& params) {
    auto r = admin.get("/api/v1/audit" + query_string(params));
    INFO("GET /api/v1/audit" << query_string(params) << " -> " << r.status << " " << r.body.substr(0, 500));
    REQUIRE(r.status == 200);
    return r.json()["items"];
}

std::int64_t newest_audit_id(HttpClient& admin, Params params) {
    params.emplace_back("limit", "1");
    auto items = audit_items(admin, params);
    for (const auto& item : items) {
        if (item["source"] == "security") return item["id"].get<std::int64_t>();
    }
    return 0;
}

bool audited_since(HttpClient& admin, std::int64_t since, const Params& params) {
    return newest_audit_id(admin, params) > since;
}

std::string problem_slug(const HttpResponse& r) {
    auto doc = nlohmann::json::parse(r.body, nullptr, false);
    if (!doc.is_object()) return {};
    const std::string type = doc.value("type", "");
    return type.rfind("/problems/", 0) == 0 ? type.substr(10) : type;
}

}  // namespace orbita::test
