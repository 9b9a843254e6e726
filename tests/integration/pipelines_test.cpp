// SPDX-License-Identifier: Apache-2.0
// Pipelines and stages on both backends: administration with its rules, records kept in
// a stage of their pipeline (defaults, moves within and between pipelines), the
// record.stage_changed event raised inside the writing transaction, orbita.records.move.
#include "events/event_bus.hpp"
#include "support/auth_helpers.hpp"
#include "support/automation_helpers.hpp"
#include "support/lua_helpers.hpp"
#include "support/problem_assertions.hpp"
#include "support/records_helpers.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using namespace orbita;
using namespace orbita::test;

namespace {

std::int64_t id_of(const json& j) { return j["id"].get<std::int64_t>(); }

std::string path_of(const json& pipeline) { return "/api/v1/admin/pipelines/" + std::to_string(id_of(pipeline)); }

std::vector<std::string> stage_keys(const json& pipeline) {
    std::vector<std::string> out;
    for (const auto& s : pipeline["stages"]) out.push_back(s["key"].get<std::string>());
    return out;
}

}  // namespace

TEST_CASE("records of a pipeline type live in a stage of their pipeline") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            add_deal_types(server);
            auto http = server.client();
            // Before any pipeline exists the stage field is plain text.
            auto early = create_record(http, "deal", {{"title", "Before pipelines"}});
            CHECK(early["stage"].is_null());

            auto sales = create_pipeline(http, "sales", {"new", "qualified", "won", "lost"});
            CHECK(sales["is_default"] == true);
            CHECK(stage_keys(sales) == std::vector<std::string>{"new", "qualified", "won", "lost"});
            CHECK(sales["stages"][2]["kind"] == "success");
            CHECK(sales["stages"][2]["color"] == "#27ae60");
            CHECK(sales["stages"][3]["position"] == 3);
            auto renewal = create_pipeline(http, "renewal", {"draft", "signed"});
            CHECK(renewal["is_default"] == false);

            // Created without pipeline or stage: the default pipeline's first stage.
            auto deal = create_record(http, "deal", {{"title", "Поставка"}});
            CHECK(deal["pipeline"] == "sales");
            CHECK(deal["stage"] == "new");
            CHECK(create_record(http, "deal", {{"title", "Won already"}, {"stage", "won"}})["pipeline"] == "sales");
            CHECK(create_record(http, "deal", {{"title", "Renewal"}, {"pipeline", "renewal"}})["stage"] == "draft");

            auto wrong = require_problem(http.post("/api/v1/records/deal", {{"title", "x"}, {"pipeline", "renewal"}, {"stage", "won"}}), 422);
            require_field_error(wrong, "stage", "unknown_stage", "'won' is not a stage of pipeline 'renewal' (its stages: draft, signed)");
            auto nowhere = require_problem(http.post("/api/v1/records/deal", {{"title", "x"}, {"pipeline", "nope"}}), 422);
            require_field_error(nowhere, "pipeline", "unknown_pipeline", "'nope' is not a pipeline of deal");

            const auto id = id_of(deal);
            const auto url = "/api/v1/records/deal/" + std::to_string(id);
            CHECK(http.patch(url, {{"stage", "qualified"}}, {{"If-Match", "*"}}).status == 200);
            require_field_error(require_problem(http.patch(url, {{"stage", "bogus"}}, {{"If-Match", "*"}}), 422), "stage",
                                "unknown_stage");
            // Between pipelines: with a stage, or to the new pipeline's first stage.
            auto moved = move(http, "deal", id, "signed", "renewal");
            INFO(moved.body);
            REQUIRE(moved.status == 200);
            CHECK(moved.json()["pipeline"] == "renewal");
            CHECK(moved.json()["stage"] == "signed");
            auto back = http.patch(url, {{"pipeline", "sales"}}, {{"If-Match", "*"}});
            REQUIRE(back.status == 200);
            CHECK(back.json()["stage"] == "new");
            // Naming the same pipeline again keeps the stage.
            CHECK(move(http, "deal", id, "won").json()["stage"] == "won");
            CHECK(http.patch(url, {{"pipeline", "sales"}, {"note", "x"}}, {{"If-Match", "*"}}).json()["stage"] == "won");
            require_field_error(require_problem(move(http, "deal", id, "draft"), 422), "stage", "unknown_stage",
                                "not a stage of pipeline 'sales'");
            // A stale version is refused like any update.
            CHECK(http.post(url + "/move", {{"stage", "new"}, {"version", 1}}).status == 409);

            // Which pipelines exist, for boards.
            auto listed = http.get("/api/v1/types/deal/pipelines");
            REQUIRE(listed.status == 200);
            CHECK(listed.json()["items"].size() == 2);

            // The default pipeline can change; new records follow it.
            REQUIRE(http.patch(path_of(renewal), {{"is_default", true}}).status == 200);
            CHECK(create_record(http, "deal", {{"title", "Now renewal"}})["pipeline"] == "renewal");
        }
    }
}

TEST_CASE("stages are renamed, recoloured, reordered and deleted only when unused") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            add_deal_types(server);
            auto http = server.client();
            auto sales = create_pipeline(http, "sales", {"new", "qualified", "won", "lost"});
            auto other = create_pipeline(http, "other", {"a"});
            const auto qualified = stage_id(sales, "qualified");

            auto renamed = http.patch(path_of(sales), {{"name", "Продажи"}});
            REQUIRE(renamed.status == 200);
            CHECK(renamed.json()["name"] == "Продажи");
            auto recoloured = http.patch("/api/v1/admin/stages/" + std::to_string(qualified), {{"color", "#112233"}, {"name", "Квалификация"}});
            REQUIRE(recoloured.status == 200);
            CHECK(recoloured.json()["stages"][1]["color"] == "#112233");
            CHECK(recoloured.json()["stages"][1]["name"] == "Квалификация");
            CHECK(recoloured.json()["stages"][1]["key"] == "qualified");  // keys never change

            json order = json::array({stage_id(sales, "won"), stage_id(sales, "new"), qualified, stage_id(sales, "lost")});
            auto reordered = http.put(path_of(sales) + "/stages/order", {{"stages", order}});
            REQUIRE(reordered.status == 200);
            CHECK(stage_keys(reordered.json()) == std::vector<std::string>{"won", "new", "qualified", "lost"});
            // New records land in the first stage of the new order.
            CHECK(create_record(http, "deal", {{"title", "x"}})["stage"] == "won");
            auto partial = require_problem(http.put(path_of(sales) + "/stages/order", {{"stages", {qualified}}}), 422);
            require_field_error(partial, "stages", "not_a_permutation", "exactly once");

            auto added = http.post(path_of(sales) + "/stages", {{"key", "proposal"}, {"name", "КП"}, {"position", 1}});
            REQUIRE(added.status == 201);
            CHECK(stage_keys(added.json()) == std::vector<std::string>{"won", "proposal", "new", "qualified", "lost"});
            require_problem(http.post(path_of(sales) + "/stages", {{"key", "proposal"}, {"name", "Again"}}), 409, "stage-exists");

            // In use: 409 with the count; unused: deleted.
            auto used = require_problem(http.del("/api/v1/admin/stages/" + std::to_string(stage_id(sales, "won"))), 409, "in-use");
            CHECK(used["records"] == 1);
            CHECK(http.del("/api/v1/admin/stages/" + std::to_string(qualified)).status == 204);
            CHECK(http.get("/api/v1/admin/stages/" + std::to_string(qualified)).status == 405);
            require_problem(http.del(path_of(sales)), 409, "in-use");
            require_problem(http.del("/api/v1/admin/pipelines/999999"), 404);
            // The default pipeline goes last.
            CHECK(http.del(path_of(other)).status == 204);
            auto third = create_pipeline(http, "third", {"x"});
            CHECK(http.del(path_of(third)).status == 204);
            CHECK(http.get(path_of(third)).status == 404);
        }
    }
}

TEST_CASE("bad pipeline input is refused precisely") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            add_deal_types(server);
            server.add_ticket_type();
            auto http = server.client();
            require_problem(http.post("/api/v1/admin/pipelines", {{"type", "nope"}, {"key", "a"}, {"name", "A"}}), 404);
            require_field_error(require_problem(http.post("/api/v1/admin/pipelines", {{"type", "ticket"}, {"key", "a"}, {"name", "A"}}), 422),
                                "type", "no_stages", "roles.stage");
            auto bad = require_problem(http.post("/api/v1/admin/pipelines",
                                                 {{"type", "deal"}, {"key", "Sales!"}, {"name", ""}, {"stagse", json::array()}}), 422);
            CHECK(field_error(bad, "key").is_object());
            CHECK(field_error(bad, "name").is_object());
            require_field_error(bad, "stagse", "invalid", "did you mean 'stages'?");
            auto dup = require_problem(http.post("/api/v1/admin/pipelines",
                                                 {{"type", "deal"}, {"key", "s"}, {"name", "S"},
                                                  {"stages", {{{"key", "a"}, {"name", "A"}}, {{"key", "a"}, {"name", "B"}, {"color", "red"}}}}}),
                                       422);
            require_field_error(dup, "stages[1].color", "invalid");
            auto twice = require_problem(http.post("/api/v1/admin/pipelines",
                                                   {{"type", "deal"}, {"key", "s"}, {"name", "S"},
                                                    {"stages", {{{"key", "a"}, {"name", "A"}}, {{"key", "a"}, {"name", "B"}}}}}),
                                         422);
            require_field_error(twice, "stages[1].key", "duplicate");
            create_pipeline(http, "s", {"a"});
            require_problem(http.post("/api/v1/admin/pipelines", {{"type", "deal"}, {"key", "s"}, {"name", "S"}}), 409, "pipeline-exists");
            // Moving a record of a type without stages.
            auto ticket = create_record(http, "ticket", {{"subject", "x"}});
            require_field_error(require_problem(move(http, "ticket", id_of(ticket), "done"), 422), "type", "no_stages");
            require_problem(http.post("/api/v1/records/deal/1/move", {{"stag", "a"}}), 422);
            // Only administrators administer.
            server.create_user("clerk", {});
            auto clerk = server.client_with_token(server.token_for("clerk"));
            require_problem(clerk.post("/api/v1/admin/pipelines", {{"type", "deal"}, {"key", "x"}, {"name", "X"}}), 403);
            require_problem(clerk.get("/api/v1/types/deal/pipelines"), 403);
        }
    }
}

TEST_CASE("record.stage_changed is raised in the writing transaction, with both stages") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            add_deal_types(server);
            auto http = server.client();
            create_pipeline(http, "sales", {"new", "qualified", "won", "lost"});
            create_pipeline(http, "renewal", {"draft"});
            std::vector<json> seen;
            auto& bus = server.kernel().events();
            bus.subscribe("record.stage_changed", [&](const kernel::events::Event& e) { seen.push_back(e.payload); });
            // A subscriber inside the transaction can veto the move: nothing of it stays.
            bus.subscribe("record.stage_changed", [](const kernel::events::Event& e) {
                if (e.payload["current"]["stage"] == "lost") throw kernel::Problem::conflict("vetoed", "no losing today");
            }, kernel::events::Phase::InTransaction);

            auto deal = create_record(http, "deal", {{"title", "A"}});
            const auto id = id_of(deal);
            REQUIRE(seen.size() == 1);
            CHECK(seen[0]["created"] == true);
            CHECK(seen[0]["previous"].is_null());
            CHECK(seen[0]["current"]["stage"] == "new");
            CHECK(seen[0]["current"]["stage_id"].is_number_integer());
            CHECK(seen[0]["causation"]["depth"] == 0);

            REQUIRE(move(http, "deal", id, "draft", "renewal").status == 200);
            REQUIRE(seen.size() == 2);
            CHECK(seen[1]["created"] == false);
            CHECK(seen[1]["previous"] == json{{"pipeline", "sales"}, {"stage", "new"}});
            CHECK(seen[1]["current"]["pipeline"] == "renewal");
            CHECK(seen[1]["actor"] == "admin");
            // Changing other fields raises nothing.
            http.patch("/api/v1/records/deal/" + std::to_string(id), {{"note", "n"}}, {{"If-Match", "*"}});
            CHECK(seen.size() == 2);

            require_problem(move(http, "deal", id, "lost", "sales"), 409, "vetoed");
            CHECK(seen.size() == 2);
            CHECK(get_record(http, "deal", id)["stage"] == "draft");
        }
    }
}

TEST_CASE("orbita.records.move moves as the run-as user and reports the move") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            add_deal_types(server);
            server.add_ticket_type();
            auto http = server.client();
            create_pipeline(http, "sales", {"new", "won"});
            create_pipeline(http, "renewal", {"draft"});
            const auto id = id_of(create_record(http, "deal", {{"title", "A"}}));
            auto r = run_lua(server, "return orbita.records.move('deal', " + std::to_string(id) + ", 'draft', 'renewal').stage");
            INFO(r.to_json().dump());
            REQUIRE(r.ok);
            CHECK(r.value == "draft");
            REQUIRE(r.effects.size() == 1);
            CHECK(r.effects[0] == json{{"kind", "record.moved"}, {"type", "deal"}, {"id", id},
                                      {"from", {{"pipeline", "sales"}, {"stage", "new"}}},
                                      {"to", {{"pipeline", "renewal"}, {"stage", "draft"}}}});
            auto bad = run_lua(server, "orbita.records.move('deal', " + std::to_string(id) + ", 'won')");
            CHECK(lua_error(bad).find("'won' is not a stage of pipeline 'renewal'") != std::string::npos);
            CHECK(lua_error(run_lua(server, "orbita.records.move('deal', " + std::to_string(id) + ", 7)")) ==
                  "argument #3: stage key expected");

            // As a user who may read but not change deals.
            create_role(http, "deal_reader", grants("deal", "all", {"read"}));
            server.create_user("reader", {"deal_reader"});
            auto refused = run_lua(server, "orbita.records.move('deal', " + std::to_string(id) + ", 'draft')", "reader");
            CHECK_FALSE(refused.ok);
            CHECK(get_record(http, "deal", id)["stage"] == "draft");
        }
    }
}
