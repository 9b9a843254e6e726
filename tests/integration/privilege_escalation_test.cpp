// SPDX-License-Identifier: Apache-2.0
// Attempts to gain rights over HTTP on every backend: a non-administrator calling the
// admin API (its own roles and overrides, roles, other users' passwords), handing
// records away, and the guards administrators themselves cannot pass: the last
// administrator keeps the role, built-in roles keep their rights.
#include "auth/auth_service.hpp"
#include "support/auth_helpers.hpp"
#include "support/problem_assertions.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using orbita::test::HttpClient;
using orbita::test::Params;
using orbita::test::TestServer;

namespace {

struct Call {
    std::string method;
    std::string path;
    std::string body;
};

// What an administrator sees of a user: roles, overrides, password state.
json user_rights(HttpClient& admin, std::int64_t id) {
    auto r = admin.get("/api/v1/admin/users/" + std::to_string(id));
    REQUIRE(r.status == 200);
    auto u = r.json();
    return {{"roles", u["roles"]}, {"overrides", u["overrides"]}, {"version", u["version"]}};
}

}  // namespace

TEST_CASE("a non-administrator cannot use the admin API: 403, audited, nothing changes") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto admin = server.client();
            // Generous data rights, but no rights over rights.
            const auto role = orbita::test::create_role(
                admin, "power_user",
                orbita::test::concat(orbita::test::grants("ticket", "all"), orbita::test::grants("user", "all")));
            const auto mallory = server.create_user("mallory", {"power_user"});
            const auto victim = server.create_user("victim", {"power_user"});
            auto http = server.client_with_token(server.token_for("mallory"));
            const auto roles_before = admin.get("/api/v1/admin/roles").json();
            const auto mallory_before = user_rights(admin, mallory);
            const auto victim_before = user_rights(admin, victim);
            const auto admin_id = server.admin_id();

            const std::string u = "/api/v1/admin/users/", r = "/api/v1/admin/roles/";
            const std::string me = std::to_string(mallory), them = std::to_string(victim), rid = std::to_string(role);
            const json everything = orbita::test::grants("ticket", "all");
            const std::vector<Call> calls = {
                {"GET", "/api/v1/admin/users", ""},
                {"GET", u + me, ""},
                {"POST", "/api/v1/admin/users",
                 json({{"login", "mallory2"}, {"full_name", "M"}, {"password", "password-123"}, {"roles", {"administrator"}}}).dump()},
                {"PUT", u + me + "/roles", json({{"roles", {"administrator"}}}).dump()},
                {"PUT", u + me + "/overrides", json({{"overrides", everything}}).dump()},
                {"PUT", u + them + "/roles", json({{"roles", json::array()}}).dump()},
                {"PUT", u + std::to_string(admin_id) + "/roles", json({{"roles", json::array()}}).dump()},
                {"POST", u + them + "/password", json({{"password", "taken-over-1"}}).dump()},
                {"POST", u + them + "/unlock", ""},
                {"POST", u + them + "/sessions/end", ""},
                {"DELETE", u + them + "/totp", ""},
                {"GET", u + them + "/tokens", ""},
                {"GET", "/api/v1/admin/roles", ""},
                {"GET", r + rid, ""},
                {"POST", "/api/v1/admin/roles", json({{"name", "mine"}, {"permissions", everything}}).dump()},
                {"PATCH", r + rid, json({{"description", "mine now"}}).dump()},
                {"PUT", r + rid + "/permissions", orbita::test::grants("audit", "all", {"read"}).dump()},
                {"PUT", r + rid + "/field_rules", json::array().dump()},
                {"DELETE", r + rid, ""},
                {"GET", "/api/v1/admin/permissions", ""},
                {"GET", "/api/v1/audit", ""},
            };
            const Params denied = {{"action", "access.denied"}, {"user", me}};
            for (const auto& call : calls) {
                INFO(call.method << " " << call.path << " " << call.body);
                const auto mark = orbita::test::newest_audit_id(admin, denied);
                orbita::test::require_problem(http.request(call.method, call.path, call.body), 403, "forbidden");
                CHECK(orbita::test::audited_since(admin, mark, denied));
            }
            CHECK(admin.get("/api/v1/admin/roles").json() == roles_before);
            CHECK(user_rights(admin, mallory) == mallory_before);
            CHECK(user_rights(admin, victim) == victim_before);
            CHECK_FALSE(server.kernel().auth().find_user("mallory2"));
            // The victim's password still works.
            orbita::test::SessionClient browser(server.port());
            CHECK(browser.login("victim", TestServer::kUserPassword).status == 200);

            // Self-service cannot touch rights either.
            auto self = http.patch("/api/v1/auth/me", {{"roles", {"administrator"}}});
            orbita::test::require_field_error(orbita::test::require_problem(self, 422), "roles", "read_only");
            CHECK(http.get("/api/v1/auth/me").json()["roles"] == json({"power_user"}));
            CHECK(http.get("/api/v1/auth/me").json()["permissions"]["administrator"] == false);
        }
    }
}

TEST_CASE("nobody hands a record to someone out of reach") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto admin = server.client();
            orbita::test::create_role(admin, "own_tickets", orbita::test::grants("ticket", "own"));
            const auto anna = server.create_user("anna", {"own_tickets"});
            const auto bob = server.create_user("bob", {"own_tickets"});
            auto http = server.client_with_token(server.token_for("anna"));
            const Params denied = {{"action", "access.denied"}, {"user", std::to_string(anna)}};

            auto mark = orbita::test::newest_audit_id(admin, denied);
            orbita::test::require_problem(http.post("/api/v1/records/ticket", {{"subject", "For Bob"}, {"assignee", bob}}), 403);
            CHECK(orbita::test::audited_since(admin, mark, denied));
            CHECK(admin.get("/api/v1/records/ticket").json()["items"].empty());

            auto mine = orbita::test::create_record(http, "ticket", {{"subject", "Mine"}});
            CHECK(mine["assignee"] == anna);
            const std::string url = "/api/v1/records/ticket/" + std::to_string(mine["id"].get<std::int64_t>());
            mark = orbita::test::newest_audit_id(admin, denied);
            orbita::test::require_problem(http.patch(url, {{"assignee", bob}, {"subject", "Gone"}}, {{"If-Match", "*"}}), 403);
            CHECK(orbita::test::audited_since(admin, mark, denied));
            const auto after = admin.get(url).json();
            CHECK(after["assignee"] == anna);
            CHECK(after["subject"] == "Mine");
            CHECK(after["version"] == 1);
            CHECK(admin.get(url + "/history").json()["items"].size() == 1);
        }
    }
}

TEST_CASE("the last administrator keeps the role and stays active") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            auto admin = server.client();
            const auto admin_url = "/api/v1/admin/users/" + std::to_string(server.admin_id());
            const auto record_url = "/api/v1/records/user/" + std::to_string(server.admin_id());
            for (const auto& roles : {json::array(), json({"auditor"})}) {
                auto r = admin.request("PUT", admin_url + "/roles", json({{"roles", roles}}).dump());
                orbita::test::require_problem(r, 409, "last-administrator");
            }
            // Nor can the only administrator be switched off or archived.
            orbita::test::require_problem(admin.patch(record_url, {{"active", false}}, {{"If-Match", "*"}}), 409,
                                          "last-administrator");
            orbita::test::require_problem(admin.del(record_url), 409, "last-administrator");
            auto me = admin.get("/api/v1/auth/me");
            REQUIRE(me.status == 200);
            CHECK(me.json()["roles"] == json({"administrator"}));
            CHECK(me.json()["user"]["active"] == true);
            CHECK(me.json()["user"]["archived_at"].is_null());

            // With a second administrator the first may step down.
            const auto second = server.create_user("second_admin", {"administrator"});
            REQUIRE(admin.request("PUT", admin_url + "/roles", json({{"roles", {"auditor"}}}).dump()).status == 204);
            auto second_http = server.client_with_token(server.token_for("second_admin"));
            orbita::test::require_problem(
                second_http.request("PUT", "/api/v1/admin/users/" + std::to_string(second) + "/roles", R"({"roles":[]})"),
                409, "last-administrator");
            // The former administrator has lost admin rights at once.
            orbita::test::require_problem(admin.get("/api/v1/admin/users"), 403);
        }
    }
}

TEST_CASE("built-in roles keep their rights and cannot be deleted") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            auto admin = server.client();
            for (const std::string name : {"administrator", "auditor"}) {
                INFO(name);
                const auto id = orbita::test::role_id(admin, name);
                const auto url = "/api/v1/admin/roles/" + std::to_string(id);
                const auto before = admin.get(url).json();
                CHECK(before["builtin"] == true);
                orbita::test::require_problem(
                    admin.request("PUT", url + "/permissions", orbita::test::grants("user", "all").dump()), 409, "builtin-role");
                orbita::test::require_problem(
                    admin.request("PUT", url + "/field_rules",
                                  json::array({{{"entity_type", "user"}, {"field", "email"}, {"access", "hidden"}}}).dump()),
                    409, "builtin-role");
                orbita::test::require_problem(admin.del(url), 409, "builtin-role");
                CHECK(admin.get(url).json() == before);
            }
            // Unknown roles, targets and scopes are refused with every problem listed.
            auto bad = admin.post("/api/v1/admin/roles",
                                  {{"name", "bad"},
                                   {"permissions", {{{"target", "tiket"}, {"operation", "read"}, {"scope", "all"}},
                                                    {{"target", "user"}, {"operation", "reed"}, {"scope", "all"}},
                                                    {{"target", "user"}, {"operation", "read"}, {"scope", "everything"}}}}});
            auto doc = orbita::test::require_problem(bad, 422);
            CHECK(doc["errors"].size() == 3);
            CHECK(admin.get("/api/v1/admin/roles").json()["items"].size() == 2);
        }
    }
}
