// SPDX-License-Identifier: Apache-2.0
// Who may see an uploaded file, over HTTP on every backend: its uploader and readers of
// a record holding it; everyone else gets 404 as if it did not exist. Attaching a file
// one cannot see is refused (422) so it cannot be read through one's own record.
#include "support/auth_helpers.hpp"
#include "support/problem_assertions.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using orbita::test::HttpClient;
using orbita::test::HttpResponse;
using orbita::test::TestServer;

namespace {

HttpResponse upload(HttpClient& http, const std::string& name, const std::string& data) {
    return http.request("POST", "/api/v1/files?name=" + HttpClient::encode(name), data, {}, "text/plain");
}

}  // namespace

TEST_CASE("a file is visible to its uploader and to readers of a record holding it, 404 to others") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto admin = server.client();
            const auto d1 = orbita::test::create_record(admin, "department", {{"name", "D1"}})["id"].get<std::int64_t>();
            const auto d2 = orbita::test::create_record(admin, "department", {{"name", "D2"}})["id"].get<std::int64_t>();
            orbita::test::create_role(admin, "agent", orbita::test::grants("ticket", "own"));
            orbita::test::create_role(admin, "lead", orbita::test::grants("ticket", "department", {"read"}));
            const auto anna = server.create_user("anna", {"agent"}, {{"department", d1}});
            server.create_user("bob", {"agent"}, {{"department", d1}});
            server.create_user("lead1", {"lead"}, {{"department", d1}});
            server.create_user("lead2", {"lead"}, {{"department", d2}});
            auto as_anna = server.client_with_token(server.token_for("anna"));
            auto as_bob = server.client_with_token(server.token_for("bob"));
            auto as_lead1 = server.client_with_token(server.token_for("lead1"));
            auto as_lead2 = server.client_with_token(server.token_for("lead2"));

            auto up = upload(as_anna, "contract.txt", "the contract text");
            REQUIRE(up.status == 201);
            const auto file_id = up.json()["id"].get<std::int64_t>();
            const std::string meta = "/api/v1/files/" + std::to_string(file_id);
            const std::string content = meta + "/content";
            const std::string missing = "/api/v1/files/" + std::to_string(file_id + 1000);

            // Not attached yet: the uploader (and administrators) only.
            CHECK(as_anna.get(meta).status == 200);
            CHECK(as_anna.get(content).body == "the contract text");
            CHECK(admin.get(content).status == 200);
            for (auto* other : {&as_bob, &as_lead1, &as_lead2}) {
                auto a = other->get(meta);
                auto b = other->get(missing);
                orbita::test::require_problem(a, 404);
                CHECK(a.json()["title"] == b.json()["title"]);
                orbita::test::require_problem(other->get(content), 404);
                CHECK(other->get(content).body.find("contract") == std::string::npos);
            }
            orbita::test::require_problem(server.anonymous_client().get(content), 401);

            // Attached to anna's ticket of D1: readers of that ticket see it.
            auto ticket = orbita::test::create_record(
                as_anna, "ticket", {{"subject", "With a file"}, {"department", d1}, {"attachments", {file_id}}});
            CHECK(ticket["attachments"] == json({file_id}));
            CHECK(as_lead1.get(meta).json()["name"] == "contract.txt");
            CHECK(as_lead1.get(content).body == "the contract text");
            // bob (own tickets only) and lead2 (another department) still cannot.
            orbita::test::require_problem(as_bob.get(content), 404);
            orbita::test::require_problem(as_lead2.get(content), 404);

            // Moved out of lead1's department, the ticket takes the file's visibility along.
            const std::string url = "/api/v1/records/ticket/" + std::to_string(ticket["id"].get<std::int64_t>());
            REQUIRE(admin.patch(url, {{"department", d2}}, {{"If-Match", "*"}}).status == 200);
            orbita::test::require_problem(as_lead1.get(content), 404);
            CHECK(as_lead2.get(content).status == 200);
            CHECK(as_anna.get(content).status == 200);
            (void)anna;
        }
    }
}

TEST_CASE("attaching a file one cannot see is refused with 422 and writes nothing") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto admin = server.client();
            orbita::test::create_role(admin, "agent", orbita::test::grants("ticket", "own"));
            server.create_user("anna", {"agent"});
            server.create_user("bob", {"agent"});
            auto as_anna = server.client_with_token(server.token_for("anna"));
            auto as_bob = server.client_with_token(server.token_for("bob"));
            auto up = upload(as_anna, "secret.txt", "anna's secret");
            REQUIRE(up.status == 201);
            const auto file_id = up.json()["id"].get<std::int64_t>();

            // On create and on update, through `files` fields; an unknown id answers the same.
            for (const auto id : {file_id, file_id + 1000}) {
                INFO("file " << id);
                auto r = as_bob.post("/api/v1/records/ticket", {{"subject", "Steal"}, {"attachments", {id}}});
                auto doc = orbita::test::require_problem(r, 422);
                orbita::test::require_field_error(doc, "attachments", "not_found", "there is no file with id " + std::to_string(id));
            }
            CHECK(admin.get("/api/v1/records/ticket").json()["items"].empty());
            auto mine = orbita::test::create_record(as_bob, "ticket", {{"subject", "Mine"}});
            const std::string url = "/api/v1/records/ticket/" + std::to_string(mine["id"].get<std::int64_t>());
            orbita::test::require_problem(as_bob.patch(url, {{"attachments", {file_id}}}, {{"If-Match", "*"}}), 422);
            CHECK(admin.get(url).json()["attachments"] == json::array());
            CHECK(admin.get(url).json()["version"] == 1);
            orbita::test::require_problem(as_bob.get("/api/v1/files/" + std::to_string(file_id) + "/content"), 404);

            // A file bob can see through a record he reads may be attached again.
            REQUIRE(admin.patch(url, {{"attachments", {file_id}}}, {{"If-Match", "*"}}).status == 200);
            CHECK(as_bob.get("/api/v1/files/" + std::to_string(file_id) + "/content").body == "anna's secret");
            auto again = as_bob.post("/api/v1/records/ticket", {{"subject", "Copy"}, {"attachments", {file_id}}});
            CHECK(again.status == 201);
        }
    }
}
