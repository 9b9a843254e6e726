// SPDX-License-Identifier: Apache-2.0
// Triggers on both backends: a field set to a value, related records created or
// completed, incoming webhooks with a secret, the forward-only rule, bad input, and
// triggers and robots that would move a record back and forth forever.
#include "support/auth_helpers.hpp"
#include "support/automation_helpers.hpp"
#include "support/problem_assertions.hpp"
#include "support/records_helpers.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using namespace orbita;
using namespace orbita::test;

namespace {

std::int64_t id_of(const json& j) { return j["id"].get<std::int64_t>(); }

json trigger_runs(HttpClient& http, std::int64_t id) {
    auto r = http.get("/api/v1/admin/triggers/" + std::to_string(id) + "/runs");
    REQUIRE(r.status == 200);
    return r.json()["items"];
}

std::string stage_of(HttpClient& http, std::int64_t deal) { return get_record(http, "deal", deal)["stage"].get<std::string>(); }

json deal_step_type() {
    auto label = [](const char* t) { return json{{"ru", t}, {"en", t}}; };
    return {{"name", "deal_step"},
            {"label", label("Step")},
            {"fields", {{{"name", "title"}, {"type", "string"}, {"label", label("Title")}},
                        {{"name", "deal"}, {"type", "ref"}, {"target", "deal"}, {"label", label("Deal")}},
                        {{"name", "stage"}, {"type", "string"}, {"label", label("Stage")}}}},
            {"roles", {{"stage", "stage"}}}};
}

HttpResponse hook(TestServer& server, std::int64_t trigger, const std::string& secret, const std::string& body) {
    std::vector<std::pair<std::string, std::string>> headers;
    if (!secret.empty()) headers.emplace_back("X-Orbita-Trigger-Secret", secret);
    return server.anonymous_client().request("POST", "/api/v1/hooks/triggers/" + std::to_string(trigger), body, headers);
}

}  // namespace

TEST_CASE("a field set to a value moves the record, forward only unless allowed") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer server(backend, manual_jobs_config());
            add_deal_types(server);
            auto http = server.client();
            auto sales = create_pipeline(http, "sales", {"new", "waiting", "paid", "won"});
            create_pipeline(http, "other", {"new"});
            const auto trigger = id_of(create_trigger(http, {{"stage_id", stage_id(sales, "paid")}, {"name", "Paid"}, {"kind", "field"},
                                                             {"config", {{"field", "paid"}, {"value", true}}}}));
            const auto deal = id_of(create_record(http, "deal", {{"title", "Pays"}, {"stage", "waiting"}}));
            const auto url = "/api/v1/records/deal/" + std::to_string(deal);
            http.patch(url, {{"note", "unrelated"}}, {{"If-Match", "*"}});
            CHECK(run_due(server) == 0);
            REQUIRE(http.patch(url, {{"paid", true}}, {{"If-Match", "*"}}).status == 200);
            CHECK(run_due(server) == 1);
            CHECK(stage_of(http, deal) == "paid");
            auto runs = trigger_runs(http, trigger);
            REQUIRE(runs.size() == 1);
            CHECK(runs[0]["result"] == "moved");
            CHECK(runs[0]["event"] == "record.updated");
            CHECK(get_record(http, "deal", deal)["updated_by"] == server.admin_id());  // the run-as user

            // Already there; past the stage; in another pipeline: skipped, with the reason.
            http.patch(url, {{"paid", false}}, {{"If-Match", "*"}});
            http.patch(url, {{"paid", true}}, {{"If-Match", "*"}});
            run_due(server);
            CHECK(trigger_runs(http, trigger)[0]["error"] == "the record is in stage 'paid' already");
            move(http, "deal", deal, "won");
            http.patch(url, {{"paid", false}}, {{"If-Match", "*"}});
            http.patch(url, {{"paid", true}}, {{"If-Match", "*"}});
            run_due(server);
            CHECK(stage_of(http, deal) == "won");
            CHECK(trigger_runs(http, trigger)[0]["result"] == "skipped");
            CHECK(trigger_runs(http, trigger)[0]["error"].get<std::string>().find("forward only") != std::string::npos);
            REQUIRE(http.patch("/api/v1/admin/triggers/" + std::to_string(trigger), {{"allow_backward", true}}).status == 200);
            http.patch(url, {{"paid", false}}, {{"If-Match", "*"}});
            http.patch(url, {{"paid", true}}, {{"If-Match", "*"}});
            run_due(server);
            CHECK(stage_of(http, deal) == "paid");
            const auto elsewhere = id_of(create_record(http, "deal", {{"title", "Other"}, {"pipeline", "other"}, {"paid", true}}));
            run_due(server);
            CHECK(get_record(http, "deal", elsewhere)["pipeline"] == "other");
            CHECK(trigger_runs(http, trigger)[0]["error"].get<std::string>().find("pipeline 'other'") != std::string::npos);
            // Disabled triggers do nothing.
            http.patch("/api/v1/admin/triggers/" + std::to_string(trigger), {{"enabled", false}});
            move(http, "deal", deal, "waiting");
            http.patch(url, {{"paid", false}}, {{"If-Match", "*"}});
            http.patch(url, {{"paid", true}}, {{"If-Match", "*"}});
            CHECK(run_due(server) == 0);
            CHECK(stage_of(http, deal) == "waiting");
        }
    }
}

TEST_CASE("a related record created or completed moves the record it points at") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer server(backend, manual_jobs_config());
            add_deal_types(server);
            server.add_type(deal_step_type());
            auto http = server.client();
            auto sales = create_pipeline(http, "sales", {"new", "feedback", "contract", "won"});
            create_pipeline(http, "steps", {"open", "won"}, "deal_step");
            create_trigger(http, {{"stage_id", stage_id(sales, "feedback")}, {"name", "Task created"}, {"kind", "related"},
                                  {"config", {{"type", "deal_task"}, {"via", "deal"}, {"on", "created"}}}});
            create_trigger(http, {{"stage_id", stage_id(sales, "contract")}, {"name", "Task done"}, {"kind", "related"},
                                  {"config", {{"type", "deal_task"}, {"via", "deal"}, {"on", "completed"}, {"field", "status"}, {"value", "done"}}}});
            create_trigger(http, {{"stage_id", stage_id(sales, "won")}, {"name", "Step won"}, {"kind", "related"},
                                  {"config", {{"type", "deal_step"}, {"via", "deal"}, {"on", "completed"}}}});
            const auto deal = id_of(create_record(http, "deal", {{"title", "Related"}}));

            const auto task = id_of(create_record(http, "deal_task", {{"title", "Prepare CP"}, {"deal", deal}}));
            run_due(server);
            CHECK(stage_of(http, deal) == "feedback");
            REQUIRE(http.patch("/api/v1/records/deal_task/" + std::to_string(task), {{"status", "done"}}, {{"If-Match", "*"}}).status == 200);
            run_due(server);
            CHECK(stage_of(http, deal) == "contract");
            const auto step = id_of(create_record(http, "deal_step", {{"title", "Sign"}, {"deal", deal}}));
            run_due(server);
            CHECK(stage_of(http, deal) == "contract");
            REQUIRE(move(http, "deal_step", step, "won").status == 200);
            run_due(server);
            CHECK(stage_of(http, deal) == "won");
        }
    }
}

TEST_CASE("an incoming webhook with the trigger's secret moves the record") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer server(backend, manual_jobs_config());
            add_deal_types(server);
            auto http = server.client();
            auto sales = create_pipeline(http, "sales", {"new", "signed"});
            auto created = create_trigger(http, {{"stage_id", stage_id(sales, "signed")}, {"name", "E-signature"}, {"kind", "webhook"}});
            const auto trigger = id_of(created);
            const auto secret = created["secret"].get<std::string>();
            CHECK(secret.size() >= 40);
            CHECK(created["hook_url"] == "/api/v1/hooks/triggers/" + std::to_string(trigger));
            CHECK(http.get("/api/v1/admin/triggers/" + std::to_string(trigger)).body.find(secret) == std::string::npos);
            const auto deal = id_of(create_record(http, "deal", {{"title", "Signs"}}));
            const auto body = json{{"record_id", deal}}.dump();

            require_problem(hook(server, trigger, "", body), 401);
            const auto since = newest_audit_id(http, {});
            require_problem(hook(server, trigger, secret + "x", body), 401);
            CHECK(audited_since(http, since, {{"action", "trigger.hook_refused"}}));
            require_problem(hook(server, 999999, secret, body), 404);
            require_field_error(require_problem(hook(server, trigger, secret, "{\"record\": 1}"), 422), "record", "invalid");
            require_field_error(require_problem(hook(server, trigger, secret, json{{"record_id", 999999}}.dump()), 422), "record_id",
                                "not_moved", "cannot use deal #999999");
            auto moved = hook(server, trigger, secret, body);
            INFO(moved.body);
            REQUIRE(moved.status == 200);
            CHECK(moved.json()["result"] == "moved");
            CHECK(moved.json()["record"]["stage"] == "signed");
            CHECK(hook(server, trigger, secret, body).json()["result"] == "skipped");
            CHECK(trigger_runs(http, trigger).size() == 3);  // the unknown record, the move, the skip

            auto rotated = http.post("/api/v1/admin/triggers/" + std::to_string(trigger) + "/secret", json::object());
            REQUIRE(rotated.status == 200);
            require_problem(hook(server, trigger, secret, body), 401);
            CHECK(hook(server, trigger, rotated.json()["secret"].get<std::string>(), body).status == 200);
            http.patch("/api/v1/admin/triggers/" + std::to_string(trigger), {{"enabled", false}});
            require_problem(hook(server, trigger, rotated.json()["secret"].get<std::string>(), body), 404);
        }
    }
}

TEST_CASE("triggers and robots that would move a record back and forth forever are stopped") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer server(backend, manual_jobs_config({{"automation", {{"max_chain_depth", 8}}}}));
            add_deal_types(server);
            auto http = server.client();
            auto sales = create_pipeline(http, "sales", {"a", "b"});
            // In a: bump the score. A score change moves to b. In b: touch the note. A note change moves back to a.
            const auto bump = id_of(create_robot(http, {{"stage_id", stage_id(sales, "a")}, {"name", "bump"}, {"action", "run_lua"},
                                {"params", {{"source", "orbita.records.update('deal', record.id, {score = (record.score or 0) + 1})"}}}}));
            const auto touch = id_of(create_robot(http, {{"stage_id", stage_id(sales, "b")}, {"name", "touch"}, {"action", "run_lua"},
                                {"params", {{"source", "orbita.records.update('deal', record.id, {note = 'n' .. record.score})"}}}}));
            create_trigger(http, {{"stage_id", stage_id(sales, "b")}, {"name", "score -> b"}, {"kind", "field"}, {"config", {{"field", "score"}}}});
            create_trigger(http, {{"stage_id", stage_id(sales, "a")}, {"name", "note -> a"}, {"kind", "field"},
                                  {"config", {{"field", "note"}}}, {"allow_backward", true}});
            const auto since = newest_audit_id(http, {});
            const auto deal = id_of(create_record(http, "deal", {{"title", "Loop"}}));
            run_due(server);
            CHECK(run_due(server) == 0);
            // bump (1), score -> b (2), touch (3), note -> a (4), bump (5), score -> b (6), touch (7),
            // note -> a (8): the ninth step, bump again, is stopped.
            CHECK(get_record(http, "deal", deal)["score"] == 2);
            CHECK(get_record(http, "deal", deal)["stage"] == "a");
            CHECK(audited_since(http, since, {{"action", "automation.chain_stopped"}, {"record", std::to_string(deal)}}));
            auto runs = robot_runs(http, bump);
            REQUIRE(runs.size() == 3);
            CHECK(runs[0]["state"] == "stopped");
            CHECK(runs[0]["depth"] == 9);
            const auto error = runs[0]["error"].get<std::string>();
            CHECK(error.find("automation.max_chain_depth (8)") != std::string::npos);
            CHECK(error.find("trigger:") != std::string::npos);
            CHECK(robot_runs(http, touch).size() == 2);
        }
    }
}

TEST_CASE("triggers with bad input are refused precisely") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer server(backend, manual_jobs_config());
            add_deal_types(server);
            auto http = server.client();
            const auto stage = stage_id(create_pipeline(http, "sales", {"new", "won"}), "won");
            auto post = [&](json config, const std::string& kind = "field") {
                return require_problem(http.post("/api/v1/admin/triggers", {{"stage_id", stage}, {"name", "t"}, {"kind", kind}, {"config", config}}), 422);
            };
            require_field_error(post(json::object()), "config.field", "required");
            require_field_error(post({{"field", "payd"}}), "config.field", "unknown_field", "did you mean 'paid'?");
            require_field_error(post({{"field", "paid"}, {"to", true}}), "config.to", "not_applicable");
            require_field_error(post({{"type", "deal_task"}, {"via", "title"}, {"on", "created"}}, "related"), "config.via", "not_a_reference");
            require_field_error(post({{"type", "nope"}, {"via", "deal"}, {"on", "created"}}, "related"), "config.type", "unknown_type");
            require_field_error(post({{"type", "deal_task"}, {"via", "deal"}, {"on", "completed"}}, "related"), "config.field", "required");
            require_field_error(post({{"event", "nobody.nothing"}}, "event"), "config.event", "unknown_source");
            require_problem(http.post("/api/v1/admin/triggers", {{"stage_id", stage}, {"name", "t"}, {"kind", "sometimes"}}), 422);
            require_field_error(require_problem(http.post("/api/v1/admin/triggers", {{"stage_id", 999999}, {"name", "t"}, {"kind", "webhook"}}), 422),
                                "stage_id", "unknown_stage");
            require_problem(http.post("/api/v1/admin/triggers/999999/secret", json::object()), 404);
            require_problem(http.get("/api/v1/admin/triggers"), 422);
            CHECK(http.get("/api/v1/admin/trigger-sources").json()["kinds"].size() == 4);
        }
    }
}
