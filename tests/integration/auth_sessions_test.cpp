// SPDX-License-Identifier: Apache-2.0
// Browser sessions over HTTP on every backend: sign-in and sign-out, the cookie's
// flags, CSRF on state-changing requests, idle and absolute expiry (a manual clock),
// forged cookies, password changes and deactivated users.
#include "support/auth_helpers.hpp"
#include "support/problem_assertions.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using orbita::kernel::ManualClock;
using orbita::test::Params;
using orbita::test::SessionClient;
using orbita::test::TestServer;
using namespace std::chrono_literals;

namespace {

constexpr const char* kPassword = TestServer::kUserPassword;

std::shared_ptr<ManualClock> manual_clock() { return std::make_shared<ManualClock>(std::chrono::system_clock::now()); }

std::int64_t ticket_count(orbita::test::HttpClient& admin) {
    auto r = admin.get("/api/v1/records/ticket/aggregate?metrics=count&archived=all");
    REQUIRE(r.status == 200);
    return r.json()["rows"][0]["values"]["count"].get<std::int64_t>();
}

}  // namespace

TEST_CASE("sign-in sets an HttpOnly SameSite=Lax session cookie; me and sign-out work") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            auto admin = server.client();
            const auto id = server.create_user("anna", {"auditor"});
            SessionClient browser(server.port());
            auto r = browser.login("anna", kPassword);
            INFO(r.body);
            REQUIRE(r.status == 200);
            const auto body = r.json();
            CHECK(body["user"]["id"] == id);
            CHECK(body["user"]["login"] == "anna");
            CHECK(body["roles"] == json({"auditor"}));
            CHECK(body["totp_setup_required"] == false);
            CHECK(body["csrf_token"].get<std::string>().size() >= 20);
            // The cookie: opaque, HttpOnly (scripts cannot read it), SameSite=Lax (not sent
            // on cross-site POSTs), whole site, no Secure flag unless configured.
            const std::string cookie = browser.set_cookie();
            CHECK(browser.cookie().size() >= 40);
            CHECK(cookie.find("; HttpOnly") != std::string::npos);
            CHECK(cookie.find("; SameSite=Lax") != std::string::npos);
            CHECK(cookie.find("; Path=/") != std::string::npos);
            CHECK(cookie.find("Max-Age=2592000") != std::string::npos);
            CHECK(cookie.find("Secure") == std::string::npos);
            // The session id is not the CSRF token and appears nowhere in the body.
            CHECK(r.body.find(browser.cookie()) == std::string::npos);

            auto me = browser.get("/api/v1/auth/me");
            REQUIRE(me.status == 200);
            CHECK(me.json()["user"]["login"] == "anna");
            CHECK(me.json()["csrf_token"] == browser.csrf());
            CHECK(me.json()["permissions"]["auditor"] == true);
            CHECK(orbita::test::audited_since(admin, 0, {{"action", "auth.login"}, {"user", std::to_string(id)}}));

            // Without the cookie nobody is signed in.
            orbita::test::require_problem(server.anonymous_client().get("/api/v1/auth/me"), 401);

            const auto mark = orbita::test::newest_audit_id(admin, {{"action", "auth.logout"}});
            auto out = browser.request("POST", "/api/v1/auth/logout");
            CHECK(out.status == 204);
            CHECK(out.header("Set-Cookie").find("orbita_session=;") == 0);
            CHECK(out.header("Set-Cookie").find("Max-Age=0") != std::string::npos);
            CHECK(orbita::test::audited_since(admin, mark, {{"action", "auth.logout"}}));
            // The old cookie is dead even if the browser kept it.
            orbita::test::require_problem(browser.get("/api/v1/auth/me"), 401);
        }
    }
}

TEST_CASE("secure_cookies adds the Secure flag") {
    TestServer server("sqlite", {{"auth", {{"secure_cookies", true}}}});
    server.create_user("anna", {"auditor"});
    SessionClient browser(server.port());
    REQUIRE(browser.login("anna", kPassword).status == 200);
    CHECK(browser.set_cookie().find("; Secure") != std::string::npos);
}

TEST_CASE("state-changing cookie requests need the session's CSRF token") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto admin = server.client();
            orbita::test::create_role(admin, "agent", orbita::test::grants("ticket", "all"));
            const auto id = server.create_user("anna", {"agent"});
            SessionClient browser(server.port());
            REQUIRE(browser.login("anna", kPassword).status == 200);
            const json ticket = {{"subject", "CSRF"}};
            const Params csrf_failed = {{"action", "auth.csrf_failed"}, {"user", std::to_string(id)}};

            // Missing, wrong, or another session's token: 403, audited, nothing written.
            SessionClient other(server.port());
            REQUIRE(other.login("anna", kPassword).status == 200);
            for (const auto& token : {std::string(), std::string("wrong"), other.csrf()}) {
                INFO("X-CSRF-Token: '" << token << "'");
                const auto mark = orbita::test::newest_audit_id(admin, csrf_failed);
                const auto before = ticket_count(admin);
                auto r = token.empty()
                             ? browser.request("POST", "/api/v1/records/ticket", ticket.dump(), false)
                             : browser.request("POST", "/api/v1/records/ticket", ticket.dump(), false, {{"X-CSRF-Token", token}});
                orbita::test::require_problem(r, 403, "csrf-failed");
                CHECK(ticket_count(admin) == before);
                CHECK(orbita::test::audited_since(admin, mark, csrf_failed));
            }
            // Every state-changing method is covered, sign-out and password change included.
            const auto t = orbita::test::create_record(admin, "ticket", {{"subject", "Target"}});
            const std::string url = "/api/v1/records/ticket/" + std::to_string(t["id"].get<std::int64_t>());
            CHECK(browser.request("PATCH", url, R"({"subject":"x"})", false, {{"If-Match", "*"}}).status == 403);
            CHECK(browser.request("DELETE", url, "", false).status == 403);
            CHECK(browser.request("POST", "/api/v1/auth/logout", "", false).status == 403);
            CHECK(browser.request("POST", "/api/v1/auth/password",
                                  json({{"current_password", kPassword}, {"new_password", "another-pass-9"}}).dump(), false)
                      .status == 403);
            CHECK(admin.get(url).json()["subject"] == "Target");
            CHECK(admin.get(url).json()["archived_at"].is_null());
            CHECK(browser.get("/api/v1/auth/me").status == 200);

            // Reading needs no token; with the right one the write goes through.
            CHECK(browser.get("/api/v1/records/ticket").status == 200);
            CHECK(browser.post("/api/v1/records/ticket", ticket).status == 201);
            // API tokens are not cookies: no CSRF token needed.
            auto api = server.client_with_token(server.token_for("anna"));
            CHECK(api.post("/api/v1/records/ticket", ticket).status == 201);
        }
    }
}

TEST_CASE("forged, tampered and foreign-format session cookies are refused and audited") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            auto admin = server.client();
            server.create_user("anna", {"auditor"});
            SessionClient real(server.port());
            REQUIRE(real.login("anna", kPassword).status == 200);
            std::string tampered = real.cookie();
            tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
            for (const auto& forged : {std::string("forged-session-value"), tampered, std::string(300, 'x'),
                                             std::string(TestServer::kAdminPassword)}) {
                INFO("cookie: " << forged);
                const auto mark = orbita::test::newest_audit_id(admin, {{"action", "auth.invalid_session"}});
                SessionClient attacker(server.port());
                attacker.set_session(forged, real.csrf());
                orbita::test::require_problem(attacker.get("/api/v1/auth/me"), 401);
                orbita::test::require_problem(attacker.post("/api/v1/auth/tokens", {{"name", "stolen"}}), 401);
                CHECK(orbita::test::audited_since(admin, mark, {{"action", "auth.invalid_session"}}));
            }
            CHECK(real.get("/api/v1/auth/me").status == 200);
        }
    }
}

TEST_CASE("sessions end after the idle time and after the absolute lifetime") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            SECTION("idle") {
                auto clock = manual_clock();
                TestServer server(backend, {{"auth", {{"session_idle_minutes", 30}}}}, clock);
                server.create_user("anna", {"auditor"});
                SessionClient browser(server.port());
                REQUIRE(browser.login("anna", kPassword).status == 200);
                clock->advance(20min);
                CHECK(browser.get("/api/v1/auth/me").status == 200);
                // 40 minutes after sign-in but 20 after the last use: still alive (sliding).
                clock->advance(20min);
                CHECK(browser.get("/api/v1/auth/me").status == 200);
                clock->advance(31min);
                orbita::test::require_problem(browser.get("/api/v1/auth/me"), 401);
                // A fresh sign-in works.
                REQUIRE(browser.login("anna", kPassword).status == 200);
                CHECK(browser.get("/api/v1/auth/me").status == 200);
            }
            SECTION("absolute") {
                auto clock = manual_clock();
                TestServer server(backend, {{"auth", {{"session_idle_minutes", 2880}, {"session_max_days", 1}}}}, clock);
                server.create_user("anna", {"auditor"});
                SessionClient browser(server.port());
                REQUIRE(browser.login("anna", kPassword).status == 200);
                CHECK(browser.set_cookie().find("Max-Age=86400") != std::string::npos);
                for (int i = 0; i < 3; ++i) {
                    clock->advance(7h);
                    CHECK(browser.get("/api/v1/auth/me").status == 200);
                }
                // Used all along, but a day after sign-in it ends anyway.
                clock->advance(4h);
                orbita::test::require_problem(browser.get("/api/v1/auth/me"), 401);
            }
        }
    }
}

TEST_CASE("changing the password ends every session; a wrong current password changes nothing") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            auto admin = server.client();
            const auto id = server.create_user("anna", {"auditor"});
            SessionClient first(server.port()), second(server.port());
            REQUIRE(first.login("anna", kPassword).status == 200);
            REQUIRE(second.login("anna", kPassword).status == 200);

            const Params failed = {{"action", "auth.password_change_failed"}, {"user", std::to_string(id)}};
            auto mark = orbita::test::newest_audit_id(admin, failed);
            auto wrong = first.post("/api/v1/auth/password", {{"current_password", "not-the-password"},
                                                              {"new_password", "brand-new-pass-1"}});
            orbita::test::require_problem(wrong, 403, "wrong-password");
            CHECK(orbita::test::audited_since(admin, mark, failed));
            auto weak = first.post("/api/v1/auth/password", {{"current_password", kPassword}, {"new_password", "short"}});
            orbita::test::require_field_error(orbita::test::require_problem(weak, 422), "new_password", "weak_password");
            CHECK(first.get("/api/v1/auth/me").status == 200);
            CHECK(second.get("/api/v1/auth/me").status == 200);

            mark = orbita::test::newest_audit_id(admin, {{"action", "auth.password_changed"}});
            auto ok = first.post("/api/v1/auth/password", {{"current_password", kPassword}, {"new_password", "brand-new-pass-1"}});
            REQUIRE(ok.status == 204);
            CHECK(ok.header("Set-Cookie").find("Max-Age=0") != std::string::npos);
            CHECK(orbita::test::audited_since(admin, mark, {{"action", "auth.password_changed"}}));
            orbita::test::require_problem(first.get("/api/v1/auth/me"), 401);
            orbita::test::require_problem(second.get("/api/v1/auth/me"), 401);

            SessionClient again(server.port());
            orbita::test::require_problem(again.login("anna", kPassword), 401);
            CHECK(again.login("anna", "brand-new-pass-1").status == 200);
        }
    }
}

TEST_CASE("a deactivated or archived user cannot use an existing session or token") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            auto admin = server.client();
            for (const std::string how : {"deactivate", "archive"}) {
                INFO(how);
                const std::string login = "user_" + how;
                const auto id = server.create_user(login, {"auditor"});
                SessionClient browser(server.port());
                REQUIRE(browser.login(login, kPassword).status == 200);
                auto api = server.client_with_token(server.token_for(login));
                // Both are in use (and cached) right before the change.
                REQUIRE(browser.get("/api/v1/auth/me").status == 200);
                REQUIRE(api.get("/api/v1/auth/me").status == 200);

                const std::string url = "/api/v1/records/user/" + std::to_string(id);
                auto r = how == "deactivate" ? admin.patch(url, {{"active", false}}, {{"If-Match", "*"}}) : admin.del(url);
                REQUIRE(r.status == 200);
                // At once, not after some cache expiry.
                orbita::test::require_problem(browser.get("/api/v1/auth/me"), 401);
                orbita::test::require_problem(api.get("/api/v1/auth/me"), 401);
                orbita::test::require_problem(api.get("/api/v1/records/user"), 401);
                SessionClient fresh(server.port());
                orbita::test::require_problem(fresh.login(login, kPassword), 401);

                // Reactivated, the user signs in again, but the old session stays ended.
                r = how == "deactivate" ? admin.patch(url, {{"active", true}}, {{"If-Match", "*"}})
                                        : admin.request("POST", url + "/restore");
                REQUIRE(r.status == 200);
                orbita::test::require_problem(browser.get("/api/v1/auth/me"), 401);
                CHECK(fresh.login(login, kPassword).status == 200);
                CHECK(api.get("/api/v1/auth/me").status == 200);
            }
        }
    }
}
