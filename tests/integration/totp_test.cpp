// SPDX-License-Identifier: Apache-2.0
// Two-factor sign-in over HTTP on every backend, with a manual clock so codes are
// computed exactly as an authenticator app would (RFC 6238 from the base32 secret the
// server hands out): set-up, sign-in with and without codes, wrong and replayed codes,
// disabling, an administrator's reset, and roles that require a second factor.
#include "auth/totp.hpp"
#include "support/auth_helpers.hpp"
#include "support/problem_assertions.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using orbita::kernel::ManualClock;
using orbita::test::SessionClient;
using orbita::test::TestServer;
using namespace std::chrono_literals;
namespace auth = orbita::kernel::auth;

namespace {

constexpr const char* kPassword = TestServer::kUserPassword;

std::shared_ptr<ManualClock> manual_clock() {
    // Mid-step, so codes of the neighbouring steps are 30 s away in either direction.
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const auto seconds = now.time_since_epoch().count();
    return std::make_shared<ManualClock>(now - std::chrono::seconds(seconds % 30) + 15s);
}

// The code an authenticator app shows at the clock's time.
std::string code_at(const ManualClock& clock, const std::string& raw_secret, std::chrono::seconds offset = 0s) {
    const auto t = std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()) + offset;
    return auth::totp_code(raw_secret, t.count());
}

// Starts and confirms TOTP for a signed-in browser; answers the raw secret.
std::string enable_totp(SessionClient& browser, ManualClock& clock, const std::string& login) {
    auto setup = browser.post("/api/v1/auth/totp/setup", json::object());
    INFO(setup.body);
    REQUIRE(setup.status == 200);
    const std::string secret = setup.json()["secret"];
    CHECK(setup.json()["uri"] == "otpauth://totp/Orbita%3A" + login + "?secret=" + secret +
                                     "&issuer=Orbita&algorithm=SHA1&digits=6&period=30");
    auto raw = auth::base32_decode(secret);
    REQUIRE(raw);
    CHECK(raw->size() == 20);
    REQUIRE(browser.post("/api/v1/auth/totp/enable", {{"code", code_at(clock, *raw)}}).status == 204);
    return *raw;
}

}  // namespace

TEST_CASE("the TOTP function the tests rely on matches RFC 6238 (SHA-1 vectors)") {
    const std::string secret = "12345678901234567890";
    CHECK(auth::totp_code(secret, 59, 8) == "94287082");
    CHECK(auth::totp_code(secret, 1111111109, 8) == "07081804");
    CHECK(auth::totp_code(secret, 1234567890, 8) == "89005924");
    CHECK(auth::totp_code(secret, 20000000000, 8) == "65353130");
    CHECK(auth::base32_decode(auth::base32_encode(secret)) == secret);
    CHECK(auth::base32_encode(secret) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
}

TEST_CASE("TOTP: set-up, sign-in with a code, wrong and replayed codes, disabling") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            auto clock = manual_clock();
            TestServer server(backend, json::object(), clock);
            auto admin = server.client();
            const auto anna = server.create_user("anna", {"auditor"});
            SessionClient browser(server.port());
            REQUIRE(browser.login("anna", kPassword).status == 200);

            // Confirming needs a set-up first, and the right code.
            orbita::test::require_problem(browser.post("/api/v1/auth/totp/enable", {{"code", "123456"}}), 409, "totp-not-started");
            auto setup = browser.post("/api/v1/auth/totp/setup", json::object());
            REQUIRE(setup.status == 200);
            const auto raw = *auth::base32_decode(setup.json()["secret"].get<std::string>());
            const std::string wrong = code_at(*clock, raw) == "000000" ? "000001" : "000000";
            for (const auto& code : {wrong, code_at(*clock, raw, 120s), std::string("12345"), std::string("abcdef")}) {
                INFO(code);
                orbita::test::require_field_error(
                    orbita::test::require_problem(browser.post("/api/v1/auth/totp/enable", {{"code", code}}), 422), "code", "invalid");
            }
            // Not enabled yet: a password alone still signs in.
            CHECK(SessionClient(server.port()).login("anna", kPassword).status == 200);
            const auto secret = enable_totp(browser, *clock, "anna");
            CHECK(orbita::test::audited_since(admin, 0, {{"action", "auth.totp_enabled"}, {"user", std::to_string(anna)}}));
            CHECK(browser.get("/api/v1/auth/me").json()["totp_enabled"] == true);
            orbita::test::require_problem(browser.post("/api/v1/auth/totp/setup", json::object()), 409, "totp-enabled");

            // Sign-in now needs a code.
            SessionClient next(server.port());
            auto r = next.login("anna", kPassword);
            orbita::test::require_field_error(orbita::test::require_problem(r, 401, "totp-required"), "totp", "required");
            CHECK(r.header("Set-Cookie").empty());
            r = next.login("anna", kPassword, wrong);
            orbita::test::require_problem(r, 401, "invalid-totp");
            CHECK(r.header("Set-Cookie").empty());
            // The code used to enable is spent: replaying it is refused.
            orbita::test::require_problem(next.login("anna", kPassword, code_at(*clock, secret)), 401, "invalid-totp");
            // A wrong password with the right code reveals nothing about the code.
            clock->advance(30s);
            orbita::test::require_problem(next.login("anna", "wrong-password", code_at(*clock, secret)), 401, "unauthorized");
            const std::string code = code_at(*clock, secret);
            REQUIRE(next.login("anna", kPassword, code).status == 200);
            CHECK(next.get("/api/v1/auth/me").status == 200);
            // Each code works once.
            auto replay = SessionClient(server.port()).login("anna", kPassword, code);
            orbita::test::require_problem(replay, 401, "invalid-totp");
            CHECK(orbita::test::audited_since(admin, 0, {{"action", "auth.login_failed"}}));
            bool replay_audited = false;
            for (const auto& item : orbita::test::audit_items(admin, {{"action", "auth.login_failed"}, {"limit", "20"}}))
                replay_audited = replay_audited || item["details"]["reason"] == "totp_replayed";
            CHECK(replay_audited);
            // One step of clock drift either way is tolerated; two are not.
            clock->advance(30s);
            CHECK(SessionClient(server.port()).login("anna", kPassword, code_at(*clock, secret, 30s)).status == 200);
            clock->advance(60s);
            orbita::test::require_problem(SessionClient(server.port()).login("anna", kPassword, code_at(*clock, secret, 60s)),
                                          401, "invalid-totp");
            CHECK(SessionClient(server.port()).login("anna", kPassword, code_at(*clock, secret)).status == 200);

            // Disabling needs the password.
            orbita::test::require_problem(browser.post("/api/v1/auth/totp/disable", {{"password", "wrong-password"}}), 403,
                                          "wrong-password");
            CHECK(browser.get("/api/v1/auth/me").json()["totp_enabled"] == true);
            REQUIRE(browser.post("/api/v1/auth/totp/disable", {{"password", kPassword}}).status == 204);
            CHECK(orbita::test::audited_since(admin, 0, {{"action", "auth.totp_disabled"}}));
            CHECK(SessionClient(server.port()).login("anna", kPassword).status == 200);
        }
    }
}

TEST_CASE("wrong TOTP codes count towards the lockout; an administrator resets a lost second factor") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            auto clock = manual_clock();
            TestServer server(backend, {{"auth", {{"max_failed_logins", 3}}}}, clock);
            auto admin = server.client();
            const auto anna = server.create_user("anna", {"auditor"});
            SessionClient browser(server.port());
            REQUIRE(browser.login("anna", kPassword).status == 200);
            const auto secret = enable_totp(browser, *clock, "anna");
            clock->advance(30s);
            const std::string good = code_at(*clock, secret);
            const std::string bad = good == "999999" ? "999998" : "999999";
            for (int i = 0; i < 3; ++i) orbita::test::require_problem(SessionClient(server.port()).login("anna", kPassword, bad), 401);
            orbita::test::require_problem(SessionClient(server.port()).login("anna", kPassword, good), 423, "login-locked");

            // The administrator unlocks and resets the second factor; sessions end.
            const std::string url = "/api/v1/admin/users/" + std::to_string(anna);
            REQUIRE(admin.request("POST", url + "/unlock").status == 204);
            REQUIRE(admin.del(url + "/totp").status == 204);
            CHECK(orbita::test::audited_since(admin, 0, {{"action", "auth.totp_reset"}}));
            CHECK(admin.get(url).json()["totp_enabled"] == false);
            orbita::test::require_problem(browser.get("/api/v1/auth/me"), 401);
            CHECK(SessionClient(server.port()).login("anna", kPassword).status == 200);
        }
    }
}

TEST_CASE("a role requiring TOTP restricts the session to /api/v1/auth until it is set up") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            auto clock = manual_clock();
            TestServer server(backend, json::object(), clock);
            server.add_ticket_type();
            auto admin = server.client();
            orbita::test::create_role(admin, "cashier", orbita::test::grants("ticket", "all"), json::array(), true);
            const auto anna = server.create_user("anna", {"cashier"});
            SessionClient browser(server.port());
            auto r = browser.login("anna", kPassword);
            REQUIRE(r.status == 200);
            CHECK(r.json()["totp_setup_required"] == true);

            auto me = browser.get("/api/v1/auth/me");
            REQUIRE(me.status == 200);
            CHECK(me.json()["totp_required"] == true);
            CHECK(me.json()["totp_setup_required"] == true);
            for (const auto& path : {"/api/v1/records/ticket", "/api/v1/types", "/api/v1/records/ticket/aggregate"})
                orbita::test::require_problem(browser.get(path), 403, "totp-setup-required");
            orbita::test::require_problem(browser.post("/api/v1/records/ticket", {{"subject", "x"}}), 403, "totp-setup-required");
            // Nor can the restriction be sidestepped with an API token minted meanwhile.
            orbita::test::require_problem(browser.post("/api/v1/auth/tokens", {{"name", "escape"}}), 403, "totp-setup-required");
            orbita::test::require_problem(browser.get("/api/v1/auth/tokens"), 403, "totp-setup-required");
            CHECK(admin.get("/api/v1/admin/users/" + std::to_string(anna) + "/tokens").json()["items"].empty());

            const auto secret = enable_totp(browser, *clock, "anna");
            // The same session is now let through.
            CHECK(browser.get("/api/v1/records/ticket").status == 200);
            CHECK(browser.post("/api/v1/records/ticket", {{"subject", "x"}}).status == 201);
            CHECK(browser.post("/api/v1/auth/tokens", {{"name", "ci"}}).status == 201);
            // The role forbids turning it off again.
            orbita::test::require_problem(browser.post("/api/v1/auth/totp/disable", {{"password", kPassword}}), 403, "totp-mandatory");
            clock->advance(30s);
            auto next = SessionClient(server.port());
            auto login = next.login("anna", kPassword, code_at(*clock, secret));
            REQUIRE(login.status == 200);
            CHECK(login.json()["totp_setup_required"] == false);
            CHECK(next.get("/api/v1/records/ticket").status == 200);
        }
    }
}
