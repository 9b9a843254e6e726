// SPDX-License-Identifier: Apache-2.0
// GET /api/v1/audit over HTTP on every backend: security events and record changes in
// one newest-first stream; filters by user, type, record, action prefix and time; keyset
// paging; who may read it (administrators, auditors, holders of audit/read).
#include "auth/auth_service.hpp"
#include "support/auth_helpers.hpp"
#include "support/problem_assertions.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

#include <set>

using nlohmann::json;
using orbita::kernel::ManualClock;
using orbita::test::audit_items;
using orbita::test::HttpClient;
using orbita::test::Params;
using orbita::test::SessionClient;
using orbita::test::TestServer;
using namespace std::chrono_literals;

namespace {

// Every entry matching `params`, walked page by page through next_cursor.
std::vector<json> walk(HttpClient& admin, Params params, int limit) {
    std::vector<json> out;
    params.emplace_back("limit", std::to_string(limit));
    std::string cursor;
    for (int page = 0; page < 1000; ++page) {
        Params p = params;
        if (!cursor.empty()) p.emplace_back("cursor", cursor);
        auto r = admin.get("/api/v1/audit" + orbita::test::query_string(p));
        REQUIRE(r.status == 200);
        const auto body = r.json();
        REQUIRE(body["items"].size() <= static_cast<std::size_t>(limit));
        for (const auto& item : body["items"]) out.push_back(item);
        if (body["next_cursor"].is_null()) return out;
        cursor = body["next_cursor"];
    }
    FAIL("endless paging");
    return out;
}

std::set<std::string> actions(const json& items) {
    std::set<std::string> out;
    for (const auto& i : items) out.insert(i["action"].get<std::string>());
    return out;
}

}  // namespace

TEST_CASE("the audit trail merges security events and record changes, filtered and paged") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            const auto start = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
            auto clock = std::make_shared<ManualClock>(start);
            TestServer server(backend, json::object(), clock);
            server.add_ticket_type();
            auto admin = server.client();
            orbita::test::create_role(admin, "agent", orbita::test::grants("ticket", "own"));
            const auto anna = server.create_user("anna", {"agent"});
            const auto bob = server.create_user("bob", {"agent"});

            // Hour 1: anna signs in (once wrongly) and creates a ticket, changes it.
            clock->advance(1h);
            SessionClient browser(server.port());
            REQUIRE(browser.login("anna", "wrong-password").status == 401);
            REQUIRE(browser.login("anna", TestServer::kUserPassword).status == 200);
            auto ticket = browser.post("/api/v1/records/ticket", {{"subject", "Audited"}});
            REQUIRE(ticket.status == 201);
            const auto tid = ticket.json()["id"].get<std::int64_t>();
            const std::string url = "/api/v1/records/ticket/" + std::to_string(tid);
            REQUIRE(browser.patch(url, {{"status", "done"}}).status == 200);
            // Hour 2: bob is refused anna's ticket.
            clock->advance(1h);
            auto as_bob = server.client_with_token(server.token_for("bob"));
            REQUIRE(as_bob.get(url).status == 404);
            clock->advance(1h);

            // Everything, newest first, from both sources.
            const auto all = audit_items(admin, {{"limit", "500"}});
            std::set<std::string> sources;
            for (std::size_t i = 0; i < all.size(); ++i) {
                sources.insert(all[i]["source"].get<std::string>());
                if (i) CHECK(all[i - 1]["at"].get<std::string>() >= all[i]["at"].get<std::string>());
            }
            CHECK(sources == std::set<std::string>{"security", "record"});

            // By user: anna's own acts (her failed sign-in too), security and record changes alike.
            auto mine = audit_items(admin, {{"user", std::to_string(anna)}});
            for (const auto& i : mine) CHECK(i["actor_id"] == anna);
            CHECK(actions(mine) == std::set<std::string>{"auth.login_failed", "auth.login", "record.created", "record.updated"});
            // By record: its changes and the refusal that named it.
            auto about = audit_items(admin, {{"type", "ticket"}, {"record", std::to_string(tid)}});
            CHECK(actions(about) == std::set<std::string>{"record.created", "record.updated", "access.denied"});
            for (const auto& i : about) CHECK(i["record_id"] == tid);
            const auto updated = std::find_if(about.begin(), about.end(), [](const json& i) { return i["action"] == "record.updated"; });
            REQUIRE(updated != about.end());
            CHECK((*updated)["details"]["status"] == json({{"old", "new"}, {"new", "done"}}));
            CHECK((*updated)["actor"] == "anna");
            // By action prefix.
            CHECK(actions(audit_items(admin, {{"action", "auth."}})) ==
                  std::set<std::string>{"auth.login", "auth.login_failed", "auth.token_created"});
            CHECK(actions(audit_items(admin, {{"action", "record."}, {"user", std::to_string(anna)}})) ==
                  std::set<std::string>{"record.created", "record.updated"});
            auto refusals = audit_items(admin, {{"action", "access.denied"}});
            REQUIRE(refusals.size() == 1);
            CHECK(refusals[0]["actor_id"] == bob);
            CHECK(refusals[0]["details"]["status"] == 404);
            CHECK(refusals[0]["request_id"].is_string());
            // By time: [from, to) windows over the manual clock.
            auto at = [&](std::chrono::hours h) { return orbita::kernel::format_utc(start + h); };
            auto hour1 = audit_items(admin, {{"from", at(1h)}, {"to", at(2h)}});
            CHECK(actions(hour1) == std::set<std::string>{"auth.login", "auth.login_failed", "record.created", "record.updated"});
            auto hour2 = audit_items(admin, {{"from", at(2h)}, {"to", at(3h)}});
            CHECK(actions(hour2) == std::set<std::string>{"auth.token_created", "access.denied"});
            CHECK(audit_items(admin, {{"from", at(3h)}}).empty());
            CHECK(audit_items(admin, {{"to", orbita::kernel::format_utc(start).substr(0, 10)}}).empty());

            // Paging by any size yields the same stream, without gaps or repeats.
            const auto everything = audit_items(admin, {{"limit", "500"}});
            for (int limit : {1, 2, 3, 7}) {
                INFO("limit " << limit);
                auto paged = walk(admin, {}, limit);
                REQUIRE(paged.size() == everything.size());
                for (std::size_t i = 0; i < paged.size(); ++i) CHECK(paged[i] == everything[i]);
            }
            auto filtered = walk(admin, {{"user", std::to_string(anna)}}, 1);
            CHECK(filtered.size() == mine.size());

            // Bad parameters are 400 with the parameter named.
            for (const std::string q : {"user=abc", "record=-1", "from=yesterday", "to=2024-13-45", "limit=501",
                                        "limit=0", "cursor=garbage", "usr=1"}) {
                INFO(q);
                orbita::test::require_problem(admin.get("/api/v1/audit?" + q), 400);
            }
        }
    }
}

TEST_CASE("the audit trail is for administrators, auditors and holders of audit/read") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            auto admin = server.client();
            orbita::test::create_role(admin, "compliance", orbita::test::grants("audit", "all", {"read"}));
            orbita::test::create_role(admin, "people", orbita::test::grants("user", "all"));
            server.create_user("aud", {"auditor"});
            server.create_user("comp", {"compliance"});
            const auto plain = server.create_user("plain", {"people"});
            const auto later = server.create_user("later", {});

            CHECK(server.client_with_token(server.token_for("aud")).get("/api/v1/audit").status == 200);
            CHECK(server.client_with_token(server.token_for("comp")).get("/api/v1/audit").status == 200);
            const Params denied = {{"action", "access.denied"}, {"user", std::to_string(plain)}};
            auto as_plain = server.client_with_token(server.token_for("plain"));
            orbita::test::require_problem(as_plain.get("/api/v1/audit"), 403);
            orbita::test::require_problem(as_plain.get("/api/v1/audit?action=auth."), 403);
            CHECK(orbita::test::audited_since(admin, 0, denied));
            orbita::test::require_problem(server.anonymous_client().get("/api/v1/audit"), 401);

            // A personal grant opens it, a personal denial closes it even for an auditor.
            auto as_later = server.client_with_token(server.token_for("later"));
            orbita::test::require_problem(as_later.get("/api/v1/audit"), 403);
            orbita::test::set_overrides(admin, later, orbita::test::grants("audit", "all", {"read"}));
            CHECK(as_later.get("/api/v1/audit").status == 200);
            const auto aud = server.kernel().auth().find_user("aud");
            REQUIRE(aud);
            orbita::test::set_overrides(admin, *aud, orbita::test::grants("audit", "none", {"read"}));
            orbita::test::require_problem(server.client_with_token(server.token_for("aud")).get("/api/v1/audit"), 403);
        }
    }
}
