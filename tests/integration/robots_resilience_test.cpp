// SPDX-License-Identifier: Apache-2.0
// Robots under stress on both backends: bad input refused precisely at save time,
// pending runs that survive a restart and fire once, a run-as user who may not see the
// record, and robots that would move a record back and forth forever.
#include "auth/auth_service.hpp"
#include "support/auth_helpers.hpp"
#include "support/automation_helpers.hpp"
#include "support/problem_assertions.hpp"
#include "support/records_helpers.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using namespace orbita;
using namespace orbita::test;
using namespace std::chrono_literals;

namespace {

const auto kStart = *kernel::parse_iso_datetime("2025-03-12T09:00:00Z");

std::int64_t id_of(const json& j) { return j["id"].get<std::int64_t>(); }

json body(std::int64_t stage, json extra) {
    json b = {{"stage_id", stage}, {"name", "r"}, {"action", "set_field"}, {"params", {{"fields", {{"note", "x"}}}}}};
    if (extra.is_object()) b.update(extra);
    return b;
}

}  // namespace

TEST_CASE("robots with bad input are refused at save time, with every problem named") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer server(backend, manual_jobs_config());
            add_deal_types(server);
            auto http = server.client();
            const auto stage = stage_id(create_pipeline(http, "sales", {"new", "won"}), "new");
            auto post = [&](const json& b) { return require_problem(http.post("/api/v1/admin/robots", b), 422); };

            require_field_error(post(body(stage, {{"action", "set_feild"}})), "action", "unknown_action", "did you mean 'set_field'?");
            require_field_error(post(body(stage, {{"params", {{"field", "note"}}}})), "params.field", "invalid");
            require_field_error(post(body(stage, {{"params", {{"fields", {{"note", "{{record.titel}}"}}}}}})), "params.fields.note",
                                "unknown_field", "did you mean 'title'?");
            require_field_error(post(body(stage, {{"delay", {{"kind", "after"}, {"amount", 5}}}})), "delay.unit", "required");
            require_field_error(post(body(stage, {{"delay", {{"kind", "soon"}}}})), "delay.kind", "invalid");
            require_field_error(post(body(stage, {{"delay", {{"kind", "relative"}, {"field", "title"}, {"direction", "after"},
                                                              {"amount", 1}, {"unit", "days"}}}})),
                                "delay.field", "not_a_date");
            require_field_error(post(body(stage, {{"condition", {{"lua", "record.score >"}}}})), "condition.lua", "compile_error", "line 1");
            require_field_error(post(body(stage, {{"condition", {{"filter", {{"field", "scor"}, {"op", "eq"}, {"value", 1}}}}}})),
                                "condition.filter.field", "unknown_field");
            require_field_error(post(body(stage, {{"condition", {{"script", "missing"}}}})), "condition.script", "unknown_script");
            require_field_error(post(body(stage, {{"run_as", "nobody"}})), "run_as", "unknown_user");
            require_field_error(post(body(stage, {{"action", "run_lua"}, {"params", {{"source", "return ("}}}})), "params.source",
                                "compile_error", "line 1");
            require_field_error(post(body(stage, {{"stage_id", 999999}})), "stage_id", "unknown_stage");
            require_field_error(post(body(stage, {{"nmae", "x"}})), "nmae", "invalid", "did you mean 'name'?");
            // Several problems at once.
            auto many = post(body(stage, {{"params", {{"fields", {{"note", "{{nope}}"}}}}}, {"delay", {{"kind", "until_time"}}}}));
            CHECK(field_error(many, "params.fields.note").is_object());
            CHECK(field_error(many, "delay.time").is_object());
            CHECK(http.get("/api/v1/admin/pipelines/" + std::to_string(stage) + "/board").status != 500);
            require_problem(http.get("/api/v1/admin/robots/999999"), 404);
            require_problem(http.post("/api/v1/admin/robots/999999/dry-run", {{"record_id", 1}}), 404);
            server.create_user("clerk", {});
            require_problem(server.client_with_token(server.token_for("clerk")).post("/api/v1/admin/robots", body(stage, {})), 403);
            CHECK(http.get("/api/v1/admin/robot-actions").json()["items"].size() >= 6);
        }
    }
}

TEST_CASE("pending robot runs survive a restart and fire once, on time") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            auto clock = std::make_shared<kernel::ManualClock>(kStart);
            TestServer server(backend, manual_jobs_config(), clock);
            add_deal_types(server);
            auto http = server.client();
            const auto stage = stage_id(create_pipeline(http, "sales", {"new", "won"}), "won");
            const auto robot = id_of(create_robot(http, body(stage, {{"delay", {{"kind", "after"}, {"amount", 1}, {"unit", "days"}}}})));
            const auto id = id_of(create_record(http, "deal", {{"title", "Survivor"}, {"stage", "won"}}));

            server.restart();
            http = server.client();
            clock->advance(23h);
            CHECK(run_due(server) == 0);
            clock->advance(1h);
            CHECK(run_due(server) == 1);
            CHECK(run_due(server) == 0);
            CHECK(get_record(http, "deal", id)["note"] == "x");
            auto runs = robot_runs(http, robot);
            REQUIRE(runs.size() == 1);
            CHECK(runs[0]["state"] == "done");
            CHECK(runs[0]["started_at"] == "2025-03-13T09:00:00.000Z");
        }
    }
}

TEST_CASE("a robot whose run-as user cannot see the record is refused, and the refusal is recorded") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer server(backend, manual_jobs_config());
            add_deal_types(server);
            auto http = server.client();
            create_role(http, "own_deals", grants("deal", "own"));
            server.create_user("clerk", {"own_deals"});
            const auto stage = stage_id(create_pipeline(http, "sales", {"new", "won"}), "won");
            const auto robot = id_of(create_robot(http, body(stage, {{"run_as", "clerk"}})));
            const auto id = id_of(create_record(http, "deal", {{"title", "Not yours"}, {"stage", "won"}}));
            CHECK(run_due(server) == 1);
            auto runs = robot_runs(http, robot);
            REQUIRE(runs.size() == 1);
            CHECK(runs[0]["state"] == "failed");
            CHECK(runs[0]["error"].get<std::string>().find("run-as user 'clerk' cannot use deal #" + std::to_string(id)) != std::string::npos);
            CHECK(get_record(http, "deal", id)["note"].is_null());
            // The same robot on a record the clerk owns works.
            const auto clerk_id = server.kernel().auth().find_user("clerk").value();
            const auto mine = id_of(create_record(http, "deal", {{"title", "Yours"}, {"stage", "won"}, {"owner", clerk_id}}));
            CHECK(run_due(server) == 1);
            CHECK(get_record(http, "deal", mine)["note"] == "x");
            CHECK(get_record(http, "deal", mine)["updated_by"] == clerk_id);
        }
    }
}

TEST_CASE("robots that move a record back and forth are stopped with a visible error") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer server(backend, manual_jobs_config({{"automation", {{"max_chain_depth", 6}}}}));
            add_deal_types(server);
            auto http = server.client();
            auto sales = create_pipeline(http, "sales", {"a", "b"});
            const auto to_b = id_of(create_robot(http, json{{"stage_id", stage_id(sales, "a")}, {"name", "A->B"}, {"action", "move_to_stage"},
                                                             {"params", {{"stage", "b"}}}}));
            const auto to_a = id_of(create_robot(http, json{{"stage_id", stage_id(sales, "b")}, {"name", "B->A"}, {"action", "move_to_stage"},
                                                             {"params", {{"stage", "a"}}}}));
            const auto since = newest_audit_id(http, {});
            const auto id = id_of(create_record(http, "deal", {{"title", "Ping-pong"}}));
            CHECK(run_due(server) == 7);  // six hops, then the seventh is stopped
            auto a_runs = robot_runs(http, to_b);
            auto b_runs = robot_runs(http, to_a);
            CHECK(a_runs.size() + b_runs.size() == 7);
            const auto& last = a_runs[0]["state"] == "stopped" ? a_runs[0] : b_runs[0];
            CHECK(last["state"] == "stopped");
            CHECK(last["depth"] == 7);
            CHECK(last["error"].get<std::string>().find("automation.max_chain_depth (6)") != std::string::npos);
            CHECK(last["error"].get<std::string>().find("robot:" + std::to_string(to_b) + " deal#" + std::to_string(id)) != std::string::npos);
            CHECK(audited_since(http, since, {{"action", "automation.chain_stopped"}}));
            CHECK(run_due(server) == 0);
            // A person's move starts a new chain (the stopped one left the record in a).
            CHECK(get_record(http, "deal", id)["stage"] == "a");
            move(http, "deal", id, "b");
            CHECK(run_due(server) == 7);
        }
    }
}
