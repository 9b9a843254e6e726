// SPDX-License-Identifier: Apache-2.0
// Attacks on sign-in and API tokens over HTTP on every backend: wrong passwords,
// unknown logins answered identically, brute force (lockout of one login only, lifted
// by an administrator or by time), the per-address rate limit, revoked, expired and
// forged API tokens. Every refusal must be audited and change nothing.
#include "support/auth_helpers.hpp"
#include "support/problem_assertions.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using orbita::kernel::ManualClock;
using orbita::test::HttpClient;
using orbita::test::HttpResponse;
using orbita::test::Params;
using orbita::test::SessionClient;
using orbita::test::TestServer;
using namespace std::chrono_literals;

namespace {

constexpr const char* kPassword = TestServer::kUserPassword;

std::shared_ptr<ManualClock> manual_clock() { return std::make_shared<ManualClock>(std::chrono::system_clock::now()); }

HttpResponse login(TestServer& server, const std::string& login, const std::string& password) {
    SessionClient browser(server.port());
    return browser.login(login, password);
}

// The reason recorded with the newest auth.login_failed entry of `login`.
std::string last_failure_reason(HttpClient& admin, const std::string& login) {
    for (const auto& item : orbita::test::audit_items(admin, {{"action", "auth.login_failed"}, {"limit", "50"}})) {
        if (item["actor"] == login) return item["details"].value("reason", "");
    }
    return "";
}

}  // namespace

TEST_CASE("a wrong password, an unknown login and an inactive user get the same answer") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            auto admin = server.client();
            server.create_user("anna", {"auditor"});
            const auto gone = server.create_user("gone", {"auditor"});
            REQUIRE(admin.patch("/api/v1/records/user/" + std::to_string(gone), {{"active", false}}, {{"If-Match", "*"}})
                        .status == 200);

            auto wrong = login(server, "anna", "not-her-password");
            auto unknown = login(server, "nobody", "not-her-password");
            auto inactive = login(server, "gone", kPassword);
            for (const auto* r : {&wrong, &unknown, &inactive}) {
                auto doc = orbita::test::require_problem(*r, 401);
                CHECK(r->header("Set-Cookie").empty());
                CHECK(doc["detail"] == wrong.json()["detail"]);
                CHECK(doc["type"] == wrong.json()["type"]);
                CHECK(doc["title"] == wrong.json()["title"]);
            }
            CHECK(last_failure_reason(admin, "anna") == "wrong_password");
            CHECK(last_failure_reason(admin, "nobody") == "unknown_login");
            CHECK(last_failure_reason(admin, "gone") == "inactive_or_no_password");

            // Empty fields are a validation error, not an attempt.
            SessionClient browser(server.port());
            orbita::test::require_problem(browser.login("anna", ""), 422);
            orbita::test::require_problem(server.anonymous_client().post("/api/v1/auth/login", json::array()), 400);
            CHECK(login(server, "anna", kPassword).status == 200);
        }
    }
}

TEST_CASE("brute force locks one login (existing or not) and no other; lifted by an admin or by time") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            auto clock = manual_clock();
            TestServer server(backend, {{"auth", {{"max_failed_logins", 3}, {"lockout_minutes", 15}, {"failure_window_minutes", 10}}}},
                              clock);
            auto admin = server.client();
            const auto anna = server.create_user("anna", {"auditor"});
            server.create_user("bob", {"auditor"});

            // Changing the case or padding the name does not give fresh attempts.
            const auto mark = orbita::test::newest_audit_id(admin, {{"action", "auth.locked"}});
            for (const std::string name : {"anna", "ANNA", " Anna"}) CHECK(login(server, name, "guess-1234").status == 401);
            CHECK(orbita::test::audited_since(admin, mark, {{"action", "auth.locked"}, {"user", std::to_string(anna)}}));
            // Locked: even the right password is refused, with the end of the lockout.
            auto locked = login(server, "anna", kPassword);
            auto doc = orbita::test::require_problem(locked, 423, "login-locked");
            CHECK(doc["locked_until"].is_string());
            CHECK(locked.header("Set-Cookie").empty());
            CHECK(last_failure_reason(admin, "anna") == "locked");
            // Other users are not affected.
            CHECK(login(server, "bob", kPassword).status == 200);
            // The administrator sees the lock and lifts it.
            auto user = admin.get("/api/v1/admin/users/" + std::to_string(anna)).json();
            CHECK(user["locked_until"] == doc["locked_until"]);
            REQUIRE(admin.request("POST", "/api/v1/admin/users/" + std::to_string(anna) + "/unlock").status == 204);
            CHECK(orbita::test::audited_since(admin, 0, {{"action", "user.unlocked"}}));
            CHECK(login(server, "anna", kPassword).status == 200);

            // Locked again, the lock ends by itself after lockout_minutes.
            for (int i = 0; i < 3; ++i) login(server, "anna", "guess-1234");
            orbita::test::require_problem(login(server, "anna", kPassword), 423);
            clock->advance(14min);
            orbita::test::require_problem(login(server, "anna", kPassword), 423);
            clock->advance(2min);
            CHECK(login(server, "anna", kPassword).status == 200);

            // Failures older than the window are forgotten; a success resets the count.
            login(server, "anna", "guess-1234");
            login(server, "anna", "guess-1234");
            clock->advance(11min);
            login(server, "anna", "guess-1234");
            login(server, "anna", "guess-1234");
            CHECK(login(server, "anna", kPassword).status == 200);
            login(server, "anna", "guess-1234");
            login(server, "anna", "guess-1234");
            CHECK(login(server, "anna", kPassword).status == 200);

            // Unknown logins lock exactly the same way: lockouts do not reveal accounts.
            for (int i = 0; i < 3; ++i) CHECK(login(server, "ghost", "guess-1234").status == 401);
            orbita::test::require_problem(login(server, "ghost", "guess-1234"), 423, "login-locked");
        }
    }
}

TEST_CASE("one address may try only login_attempts_per_minute times a minute") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            auto clock = manual_clock();
            TestServer server(backend, {{"auth", {{"login_attempts_per_minute", 3}}}}, clock);
            auto admin = server.client();
            server.create_user("anna", {"auditor"});
            CHECK(login(server, "anna", "wrong-pass-1").status == 401);
            CHECK(login(server, "someone", "wrong-pass-1").status == 401);
            CHECK(login(server, "anna", kPassword).status == 200);
            // The fourth attempt within the minute is refused whatever it carries.
            auto r = login(server, "anna", kPassword);
            orbita::test::require_problem(r, 429, "too-many-attempts");
            CHECK(r.header("Set-Cookie").empty());
            CHECK(last_failure_reason(admin, "anna") == "rate_limited");
            orbita::test::require_problem(login(server, "other", "whatever-1"), 429);
            // Signed-in users and API clients are not affected.
            CHECK(admin.get("/api/v1/auth/me").status == 200);
            clock->advance(61s);
            CHECK(login(server, "anna", kPassword).status == 200);
        }
    }
}

TEST_CASE("API tokens: listed without secrets; revoked, expired and forged ones are refused and audited") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            auto clock = manual_clock();
            TestServer server(backend, json::object(), clock);
            auto admin = server.client();
            const auto anna = server.create_user("anna", {"auditor"});
            server.create_user("bob", {"auditor"});
            SessionClient browser(server.port());
            REQUIRE(browser.login("anna", kPassword).status == 200);

            auto created = browser.post("/api/v1/auth/tokens", {{"name", "ci"}});
            REQUIRE(created.status == 201);
            const std::string secret = created.json()["token"];
            const auto token_id = created.json()["id"].get<std::int64_t>();
            CHECK(secret.rfind("orb_", 0) == 0);
            CHECK(created.json()["expires_at"].is_null());
            CHECK(orbita::test::audited_since(admin, 0, {{"action", "auth.token_created"}, {"user", std::to_string(anna)}}));
            auto listed = browser.get("/api/v1/auth/tokens");
            REQUIRE(listed.status == 200);
            CHECK(listed.body.find(secret) == std::string::npos);
            CHECK(listed.json()["items"][0]["id"] == token_id);
            CHECK(listed.json()["items"][0]["prefix"] == secret.substr(0, 10));

            auto api = server.client_with_token(secret);
            REQUIRE(api.get("/api/v1/auth/me").json()["user"]["id"] == anna);

            // bob cannot revoke anna's token; anna can.
            auto bob = server.client_with_token(server.token_for("bob"));
            orbita::test::require_problem(bob.del("/api/v1/auth/tokens/" + std::to_string(token_id)), 404);
            CHECK(api.get("/api/v1/auth/me").status == 200);
            CHECK(browser.del("/api/v1/auth/tokens/" + std::to_string(token_id)).status == 204);
            const Params invalid = {{"action", "auth.invalid_token"}};
            auto mark = orbita::test::newest_audit_id(admin, invalid);
            orbita::test::require_problem(api.get("/api/v1/auth/me"), 401);
            orbita::test::require_problem(api.post("/api/v1/auth/tokens", {{"name", "again"}}), 401);
            CHECK(orbita::test::audited_since(admin, mark, invalid));
            orbita::test::require_problem(browser.del("/api/v1/auth/tokens/" + std::to_string(token_id)), 404);
            CHECK(browser.get("/api/v1/auth/tokens").json()["items"][0]["revoked_at"].is_string());

            for (const auto& days : {json(0), json(3651), json("7")}) {
                orbita::test::require_problem(browser.post("/api/v1/auth/tokens", {{"name", "x"}, {"expires_in_days", days}}), 422);
            }
            // An expiring token works until its day has passed.
            auto expiring = browser.post("/api/v1/auth/tokens", {{"name", "one day"}, {"expires_in_days", 1}});
            REQUIRE(expiring.status == 201);
            CHECK(expiring.json()["expires_at"].is_string());
            auto short_lived = server.client_with_token(expiring.json()["token"]);
            CHECK(short_lived.get("/api/v1/auth/me").status == 200);
            clock->advance(23h);
            CHECK(short_lived.get("/api/v1/auth/me").status == 200);
            clock->advance(2h);
            mark = orbita::test::newest_audit_id(admin, invalid);
            orbita::test::require_problem(short_lived.get("/api/v1/auth/me"), 401);
            CHECK(orbita::test::audited_since(admin, mark, invalid));

            // An administrator revokes a user's token.
            const std::string other = server.token_for("anna");
            auto other_api = server.client_with_token(other);
            const auto other_id = admin.get("/api/v1/admin/users/" + std::to_string(anna) + "/tokens").json()["items"][0]["id"];
            CHECK(admin.del("/api/v1/admin/users/" + std::to_string(anna) + "/tokens/" + other_id.dump()).status == 204);
            orbita::test::require_problem(other_api.get("/api/v1/auth/me"), 401);

            // Forged tokens: never a fallback to anonymous or to the cookie.
            std::string tampered = server.admin_token();
            tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
            for (const auto& forged : {tampered, std::string("orb_forged"), std::string("not-even-a-token"),
                                             server.admin_token() + "x"}) {
                INFO(forged);
                auto attacker = server.client_with_token(forged);
                orbita::test::require_problem(attacker.get("/api/v1/records/user"), 401);
                orbita::test::require_problem(
                    attacker.request("GET", "/api/v1/auth/me", "", {{"Cookie", "orbita_session=" + browser.cookie()}}), 401);
            }
        }
    }
}
