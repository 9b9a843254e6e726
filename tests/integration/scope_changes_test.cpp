// SPDX-License-Identifier: Apache-2.0
// Scoped rights follow the organisation as it changes, at once and on every backend: a
// user's profile holds the resolved manager chain and department tree (so a scoped
// query binds ids), and moving a department or a user must not leave it stale. Trees
// too large to inline are walked in SQL and must give the same answers.
#include "support/auth_helpers.hpp"
#include "support/records_helpers.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using orbita::test::create_record;
using orbita::test::HttpClient;
using orbita::test::TestServer;

namespace {

std::string url(const std::string& type, std::int64_t id) { return "/api/v1/records/" + type + "/" + std::to_string(id); }

std::int64_t id_of(const json& record) { return record["id"].get<std::int64_t>(); }

void move(HttpClient& admin, const std::string& type, std::int64_t id, const json& fields) {
    auto r = admin.patch(url(type, id), fields, {{"If-Match", "*"}});
    INFO(r.body);
    REQUIRE(r.status == 200);
}

}  // namespace

TEST_CASE("department scope follows departments moved in the tree") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto admin = server.client();
            orbita::test::create_role(admin, "dept_reader", orbita::test::grants("ticket", "department", {"read"}));
            const auto d1 = id_of(create_record(admin, "department", {{"name", "D1"}}));
            const auto d3 = id_of(create_record(admin, "department", {{"name", "D3"}}));
            server.create_user("reader", {"dept_reader"}, {{"department", d1}});
            auto reader = server.client_with_token(server.token_for("reader"));
            const auto ticket = id_of(create_record(admin, "ticket", {{"subject", "In D3"}, {"department", d3}}));

            CHECK(reader.get(url("ticket", ticket)).status == 404);
            move(admin, "department", d3, {{"parent", d1}});
            CHECK(reader.get(url("ticket", ticket)).status == 200);
            move(admin, "department", d3, {{"parent", nullptr}});
            CHECK(reader.get(url("ticket", ticket)).status == 404);
        }
    }
}

TEST_CASE("subordinate scope follows the manager chain as it changes") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto admin = server.client();
            orbita::test::create_role(admin, "team_reader", orbita::test::grants("ticket", "subordinates", {"read"}));
            const auto boss = server.create_user("boss", {"team_reader"});
            const auto worker = server.create_user("worker", {});
            auto reader = server.client_with_token(server.token_for("boss"));
            const auto ticket = id_of(create_record(admin, "ticket", {{"subject", "Worker's"}, {"assignee", worker}}));

            CHECK(reader.get(url("ticket", ticket)).status == 404);
            move(admin, "user", worker, {{"manager", boss}});
            CHECK(reader.get(url("ticket", ticket)).status == 200);
            move(admin, "user", worker, {{"manager", nullptr}});
            CHECK(reader.get(url("ticket", ticket)).status == 404);
        }
    }
}

TEST_CASE("a department tree too large to inline is walked in SQL with the same answers") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto admin = server.client();
            orbita::test::create_role(admin, "dept_reader", orbita::test::grants("ticket", "department", {"read"}));
            // A chain deeper than the inlining limit: D0 > D1 > ... > D(limit+5).
            std::vector<std::int64_t> chain{id_of(create_record(admin, "department", {{"name", "D0"}}))};
            for (int i = 1; i <= 205; ++i) {
                chain.push_back(id_of(create_record(admin, "department", {{"name", "D" + std::to_string(i)}, {"parent", chain.back()}})));
            }
            const auto outside = id_of(create_record(admin, "department", {{"name", "Outside"}}));
            server.create_user("reader", {"dept_reader"}, {{"department", chain.front()}});
            auto reader = server.client_with_token(server.token_for("reader"));
            const auto deep = id_of(create_record(admin, "ticket", {{"subject", "Deep"}, {"department", chain.back()}}));
            const auto top = id_of(create_record(admin, "ticket", {{"subject", "Top"}, {"department", chain.front()}}));
            const auto other = id_of(create_record(admin, "ticket", {{"subject", "Other"}, {"department", outside}}));

            CHECK(reader.get(url("ticket", deep)).status == 200);
            CHECK(reader.get(url("ticket", top)).status == 200);
            CHECK(reader.get(url("ticket", other)).status == 404);
            auto list = reader.get("/api/v1/records/ticket?sort=id");
            REQUIRE(list.status == 200);
            REQUIRE(list.json()["items"].size() == 2);
            CHECK(list.json()["items"][0]["id"] == deep);
            CHECK(list.json()["items"][1]["id"] == top);
        }
    }
}
