// SPDX-License-Identifier: Apache-2.0
// GET /api/v1/records/{type}/{id}/history on every backend: one entry per real change,
// newest first, with old and new values in API form and the actor who made it.
#include "support/records_helpers.hpp"
#include "acl/access_admin.hpp"
#include "acl/profile_cache.hpp"
#include "support/test_server.hpp"

#include "records/record_repository.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using orbita::test::create_record;
using orbita::test::TestServer;

namespace {

json history(orbita::test::HttpClient& http, std::int64_t id, const std::string& query = "") {
    auto res = http.get("/api/v1/records/ticket/" + std::to_string(id) + "/history" + query);
    INFO(res.body);
    REQUIRE(res.status == 200);
    return res.json();
}

json old_new(const json& before, const json& after) { return {{"old", before}, {"new", after}}; }

}  // namespace

TEST_CASE("history records creation, changes, archive and restore with old and new values") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            const auto u1 = create_record(http, "user", {{"login", "u1"}, {"full_name", "U1"}})["id"].get<std::int64_t>();
            const auto u2 = create_record(http, "user", {{"login", "u2"}, {"full_name", "U2"}})["id"].get<std::int64_t>();
            auto t = create_record(http, "ticket", {{"subject", "Тема"}, {"phone", "8 916 123 45 67"}, {"amount", 10},
                                                    {"watchers", {u1}}});
            const auto id = t["id"].get<std::int64_t>();
            const std::string url = "/api/v1/records/ticket/" + std::to_string(id);

            auto h = history(http, id);
            REQUIRE(h["items"].size() == 1);
            auto created = h["items"][0];
            CHECK(created["action"] == "created");
            CHECK(created["version"] == 1);
            CHECK(created["at"] == t["created_at"]);
            CHECK(created["actor"] == "admin");
            CHECK(created["actor_id"] == server.admin_id());
            CHECK(created["changes"]["subject"] == old_new(nullptr, "Тема"));
            CHECK(created["changes"]["number"] == old_new(nullptr, "T-000000001"));
            CHECK(created["changes"]["status"] == old_new(nullptr, "new"));
            CHECK(created["changes"]["phone"]["new"]["e164"] == "+79161234567");
            CHECK(created["changes"]["watchers"] == old_new(nullptr, {u1}));
            // Fields left empty are not listed.
            CHECK(!created["changes"].contains("rating"));
            CHECK(!created["changes"].contains("description"));
            CHECK(h["next_before"].is_null());

            auto res = http.patch(url, {{"version", 1}, {"subject", "Новая тема"}, {"status", "done"},
                                        {"priority", "normal"},  // unchanged: not in the entry
                                        {"amount", {{"amount", 12.5}, {"currency", "USD"}}},
                                        {"watchers", {u2, u1}}, {"rating", 5}});
            REQUIRE(res.status == 200);
            h = history(http, id);
            REQUIRE(h["items"].size() == 2);
            auto updated = h["items"][0];
            CHECK(updated["action"] == "updated");
            CHECK(updated["version"] == 2);
            CHECK(updated["at"] == res.json()["updated_at"]);
            CHECK(updated["actor"] == "admin");
            CHECK(updated["changes"] ==
                  json({{"subject", old_new("Тема", "Новая тема")},
                        {"status", old_new("new", "done")},
                        {"amount", old_new({{"amount", 10.0}, {"currency", "RUB"}}, {{"amount", 12.5}, {"currency", "USD"}})},
                        {"watchers", old_new({u1}, {u2, u1})},
                        {"rating", old_new(nullptr, 5)}}));
            CHECK(h["items"][1]["action"] == "created");

            res = http.patch(url, {{"version", 2}, {"rating", nullptr}, {"phone", "+7 495 000-00-00"}});
            REQUIRE(res.status == 200);
            auto cleared = history(http, id)["items"][0];
            CHECK(cleared["changes"]["rating"] == old_new(5, nullptr));
            CHECK(cleared["changes"]["phone"]["old"] == json({{"e164", "+79161234567"}, {"raw", "8 916 123 45 67"}}));
            CHECK(cleared["changes"]["phone"]["new"]["e164"] == "+74950000000");

            REQUIRE(http.del(url).status == 200);
            REQUIRE(http.request("POST", url + "/restore").status == 200);
            h = history(http, id);
            REQUIRE(h["items"].size() == 5);
            auto archived = h["items"][1];
            auto restored = h["items"][0];
            CHECK(archived["action"] == "archived");
            CHECK(archived["version"] == 4);
            CHECK(archived["changes"]["archived_at"]["old"].is_null());
            CHECK(archived["changes"]["archived_at"]["new"].is_string());
            CHECK(restored["action"] == "restored");
            CHECK(restored["version"] == 5);
            CHECK(restored["changes"]["archived_at"] == old_new(archived["changes"]["archived_at"]["new"], nullptr));
            // Newest first, ids strictly decreasing.
            for (std::size_t i = 1; i < h["items"].size(); ++i)
                CHECK(h["items"][i - 1]["id"].get<std::int64_t>() > h["items"][i]["id"].get<std::int64_t>());
        }
    }
}

TEST_CASE("writes that change nothing or fail leave no history") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            auto t = create_record(http, "ticket", {{"subject", "x"}, {"rating", 3}});
            const auto id = t["id"].get<std::int64_t>();
            const std::string url = "/api/v1/records/ticket/" + std::to_string(id);
            CHECK(http.patch(url, {{"version", 1}, {"subject", "x"}, {"rating", 3}}).status == 200);  // no change
            CHECK(http.patch(url, {{"version", 7}, {"subject", "stale"}}).status == 409);
            CHECK(http.patch(url, {{"version", 1}, {"rating", 9}}).status == 422);
            CHECK(http.patch(url, {{"subject", "no version"}}).status == 428);
            CHECK(http.request("POST", url + "/restore").status == 200);  // not archived: nothing to do
            auto h = history(http, id);
            REQUIRE(h["items"].size() == 1);
            CHECK(h["items"][0]["action"] == "created");
            CHECK(http.get(url).json()["version"] == 1);
        }
    }
}

TEST_CASE("history pages backwards with limit and before") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            auto t = create_record(http, "ticket", {{"subject", "v1"}});
            const auto id = t["id"].get<std::int64_t>();
            for (int v = 1; v < 7; ++v) {
                auto res = http.patch("/api/v1/records/ticket/" + std::to_string(id),
                                      {{"version", v}, {"subject", "v" + std::to_string(v + 1)}});
                REQUIRE(res.status == 200);
            }
            std::vector<std::int64_t> versions;
            std::string query = "?limit=3";
            for (int page = 0; page < 10; ++page) {
                auto h = history(http, id, query);
                CHECK(h["items"].size() <= 3);
                for (const auto& e : h["items"]) versions.push_back(e["version"].get<std::int64_t>());
                if (h["next_before"].is_null()) break;
                query = "?limit=3&before=" + std::to_string(h["next_before"].get<std::int64_t>());
            }
            CHECK(versions == std::vector<std::int64_t>{7, 6, 5, 4, 3, 2, 1});
            auto latest = history(http, id, "?limit=1")["items"][0];
            CHECK(latest["changes"] == json({{"subject", old_new("v6", "v7")}}));
        }
    }
}

TEST_CASE("history names the signed-in user who made a change") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            auto user = create_record(http, "user", {{"login", "ivanov"}, {"full_name", "Иванов Иван"}});
            const auto user_id = user["id"].get<std::int64_t>();
            server.kernel().access_admin().assign_roles(user_id, {"administrator"});
            const orbita::kernel::Actor ivanov{user_id, "ivanov", false, server.kernel().profiles().get(user_id)};
            auto& records = server.kernel().records();
            auto t = records.create(ivanov, "ticket", {{"subject", "от пользователя"}});
            const auto id = t["id"].get<std::int64_t>();
            // "current_user" defaults resolve to the actor; created_by/updated_by name them.
            CHECK(t["assignee"] == ivanov.user_id);
            CHECK(t["created_by"] == ivanov.user_id);
            records.update(ivanov, "ticket", id, {{"status", "done"}}, 1);
            auto h = history(http, id);
            REQUIRE(h["items"].size() == 2);
            for (const auto& e : h["items"]) {
                CHECK(e["actor_id"] == ivanov.user_id);
                CHECK(e["actor"] == "ivanov");
            }
            CHECK(h["items"][0]["changes"] == json({{"status", old_new("new", "done")}}));
            // A later change by the administrator is told apart from the user's.
            REQUIRE(http.patch("/api/v1/records/ticket/" + std::to_string(id), {{"version", 2}, {"status", "new"}}).status == 200);
            auto latest = history(http, id, "?limit=1")["items"][0];
            CHECK(latest["actor_id"] == server.admin_id());
            CHECK(latest["actor"] == "admin");
            CHECK(http.get("/api/v1/records/ticket/" + std::to_string(id)).json()["updated_by"] == server.admin_id());
            // Changes made by system actors (jobs, robots) name them.
            server.kernel().records().update(orbita::kernel::Actor::system_actor("robot"), "ticket", id, {{"status", "done"}}, 3);
            latest = history(http, id, "?limit=1")["items"][0];
            CHECK(latest["actor_id"].is_null());
            CHECK(latest["actor"] == "system:robot");
        }
    }
}
