// SPDX-License-Identifier: Apache-2.0
// Every kernel robot action through real robots (record changes, stage moves, new
// records, e-mail and webhooks delivered by the outbox to receivers the test starts,
// Lua), and dry runs that report effects and keep nothing.
#include "support/automation_helpers.hpp"
#include "support/process_helpers.hpp"
#include "support/records_helpers.hpp"
#include "support/smtp_sink.hpp"
#include "support/webhook_receiver.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using namespace orbita;
using namespace orbita::test;

namespace {

const auto kStart = *kernel::parse_iso_datetime("2025-03-12T09:00:00Z");
const std::string kHookSecret = "robot-signing-secret-0123";

std::int64_t id_of(const json& j) { return j["id"].get<std::int64_t>(); }

json config(const WebhookReceiver& hooks, const SmtpSink& smtp) {
    return manual_jobs_config(
        {{"outbox",
          {{"webhooks", {{"targets", {{"crm_sync", {{"url", hooks.url("/hook")}, {"secret", kHookSecret}}}}}}},
           {"smtp", {{"host", "127.0.0.1"}, {"port", smtp.port()}, {"from", "noreply@orbita.test"}, {"timeout_ms", 5000}}}}}});
}

json robot(std::int64_t stage, const std::string& action, const json& params, const std::string& name = "r") {
    return {{"stage_id", stage}, {"name", name}, {"action", action}, {"params", params}};
}

}  // namespace

TEST_CASE("every kernel action runs through a robot") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            WebhookReceiver hooks(kHookSecret);
            SmtpSink smtp;
            auto clock = std::make_shared<kernel::ManualClock>(kStart);
            TestServer server(backend, config(hooks, smtp), clock);
            add_deal_types(server);
            auto http = server.client();
            REQUIRE(http.put("/api/v1/constants/BillTheme", {{"value", "Счёт на оплату"}}).status == 200);
            auto sales = create_pipeline(http, "sales", {"new", "qualified", "won", "lost"});
            const auto won = stage_id(sales, "won");
            create_robot(http, robot(stage_id(sales, "qualified"), "move_to_stage", {{"stage", "won"}}, "Straight to won"));
            const auto task = id_of(create_robot(
                http, robot(won, "create_record", {{"type", "deal_task"}, {"fields", {{"title", "Call {{record.title}}"}, {"deal", "{{record.id}}"}}}})));
            create_robot(http, robot(won, "send_email", {{"to", "{{record.email}}"}, {"subject", "{{const.BillTheme}}: {{record.title}}"},
                                                         {"text", "Сумма {{record.amount}}"}}));
            create_robot(http, robot(won, "call_webhook", {{"target", "crm_sync"}, {"body", {{"deal", "{{record.id}}"}, {"stage", "{{record.stage}}"}}}}));
            const auto lua = id_of(create_robot(
                http, robot(won, "run_lua", {{"source", "orbita.log('info', 'tagging ' .. record.title)\n"
                                                        "orbita.records.update('deal', record.id, {note = 'lua ' .. args.tag})\nreturn 7"},
                                             {"args", {{"tag", "x"}}}})));

            const auto id = id_of(create_record(http, "deal", {{"title", "Поставка"}, {"email", "client@example.org"},
                                                               {"amount", {{"amount", 1500}, {"currency", "RUB"}}}}));
            REQUIRE(move(http, "deal", id, "qualified").status == 200);
            run_due(server);  // the move robot, then the won robots, then the outbox deliveries

            auto deal = get_record(http, "deal", id);
            CHECK(deal["stage"] == "won");
            CHECK(deal["note"] == "lua x");
            auto tasks = list_page(http, "deal_task", {{"filter[deal]", std::to_string(id)}})["items"];
            REQUIRE(tasks.size() == 1);
            CHECK(tasks[0]["title"] == "Call Поставка");
            CHECK(robot_runs(http, task)[0]["effects"][0]["kind"] == "record.created");

            const auto mails = smtp.mails();
            REQUIRE(mails.size() == 1);
            REQUIRE(mails[0].rcpt_to.size() == 1);
            CHECK(mails[0].rcpt_to[0].find("client@example.org") != std::string::npos);
            CHECK(mails[0].data.find("=?UTF-8?") != std::string::npos);  // the subject, RFC 2047-encoded
            const auto posts = hooks.received();
            REQUIRE(posts.size() == 1);
            CHECK(json::parse(posts[0].body) == json{{"deal", id}, {"stage", "won"}});

            auto lua_run = robot_runs(http, lua)[0];
            CHECK(lua_run["state"] == "done");
            CHECK(lua_run["logs"][0]["message"] == "tagging Поставка");
            CHECK(lua_run["effects"][0]["kind"] == "record.updated");
            CHECK(lua_run["logs"].back()["message"] == "run_lua answered 7");
        }
    }
}

TEST_CASE("notify and start_process robots reach notifications and durable processes") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            auto clock = std::make_shared<kernel::ManualClock>(kStart);
            TestServer server(backend, manual_jobs_config(), clock);
            add_deal_types(server);
            auto http = server.client();
            create_process(server, "won_followup", R"(return {
  start = function(p)
    return p.wait(3600, "remind")
  end,
  remind = function(p)
    orbita.notify(p.vars.who, "Follow up " .. p.record.title)
    return p.finish()
  end,
})");
            auto sales = create_pipeline(http, "sales", {"new", "won"});
            const auto won = stage_id(sales, "won");
            const auto notify = id_of(create_robot(
                http, robot(won, "notify", {{"user", "admin"}, {"title", "Won"}, {"text", "{{record.title}} is won"}})));
            create_robot(http, robot(won, "start_process", {{"process", "won_followup"}, {"vars", {{"who", "admin"}}}}));
            // Bad parameters are refused when the robot is saved.
            CHECK(http.post("/api/v1/admin/robots", robot(won, "notify", {{"title", "no text"}})).status == 422);
            CHECK(http.post("/api/v1/admin/robots", robot(won, "start_process", {{"vars", json::object()}})).status == 422);

            const auto id = id_of(create_record(http, "deal", {{"title", "Крупная поставка"}}));
            REQUIRE(move(http, "deal", id, "won").status == 200);
            run_due(server);

            auto notes = notifications_of(server, server.admin_id());
            REQUIRE(notes.size() == 1);
            CHECK(notes[0]["title"] == "Won");
            CHECK(notes[0]["body"] == "Крупная поставка is won");
            auto run = robot_runs(http, notify)[0];
            CHECK(run["state"] == "done");
            CHECK(run["effects"][0]["kind"] == "notification");

            auto instances = http.get("/api/v1/admin/processes/instances?process=won_followup").json()["items"];
            REQUIRE(instances.size() == 1);
            CHECK(instances[0]["status"] == "waiting");
            run_at(server, *clock, "2025-03-12T10:00:00Z");
            notes = notifications_of(server, server.admin_id());
            REQUIRE(notes.size() == 2);
            CHECK(notes[1]["body"] == "Follow up Крупная поставка");
        }
    }
}

TEST_CASE("a dry run shows what a robot would do and keeps nothing") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            WebhookReceiver hooks(kHookSecret);
            SmtpSink smtp;
            auto clock = std::make_shared<kernel::ManualClock>(kStart);
            TestServer server(backend, config(hooks, smtp), clock);
            add_deal_types(server);
            auto http = server.client();
            auto sales = create_pipeline(http, "sales", {"new", "qualified", "won"});
            const auto mover = id_of(create_robot(http, robot(stage_id(sales, "new"), "move_to_stage", {{"stage", "won"}})));
            create_robot(http, robot(stage_id(sales, "won"), "set_field", {{"fields", {{"note", "won"}}}}));
            const auto mail = id_of(create_robot(http, robot(stage_id(sales, "qualified"), "send_email",
                                                             {{"to", "{{record.email}}"}, {"subject", "Hi {{record.title}}"}, {"text", "x"}})));
            const auto picky = id_of(create_robot(
                http, json{{"stage_id", stage_id(sales, "qualified")}, {"name", "Picky"}, {"action", "set_field"},
                           {"params", {{"fields", {{"note", "picked"}}}}}, {"condition", {{"lua", "record.score == 42"}}}}));
            // Created in "qualified": the e-mail robot fires (and its mail goes out) before the dry runs.
            const auto id = id_of(create_record(http, "deal", {{"title", "Dry"}, {"email", "dry@example.org"}, {"stage", "qualified"}}));
            run_due(server);
            const auto before = get_record(http, "deal", id);
            const auto jobs_before = http.get("/api/v1/admin/jobs?limit=500").json()["items"].size();

            auto moved = http.post("/api/v1/admin/robots/" + std::to_string(mover) + "/dry-run", {{"record_id", id}});
            INFO(moved.body);
            REQUIRE(moved.status == 200);
            auto result = moved.json();
            CHECK(result["dry_run"] == true);
            CHECK(result["state"] == "done");
            CHECK(result["condition"] == true);
            REQUIRE(result["effects"].size() == 2);
            CHECK(result["effects"][0]["kind"] == "job.scheduled");  // the robots of "won", scheduled by the move
            CHECK(result["effects"][1] == json{{"kind", "record.moved"}, {"type", "deal"}, {"id", id},
                                              {"from", {{"pipeline", "sales"}, {"stage", "qualified"}}},
                                              {"to", {{"pipeline", "sales"}, {"stage", "won"}}}});
            auto mailed = http.post("/api/v1/admin/robots/" + std::to_string(mail) + "/dry-run", {{"record_id", id}}).json();
            REQUIRE(mailed["effects"].size() == 1);
            CHECK(mailed["effects"][0]["kind"] == "outbox.message");
            CHECK(mailed["effects"][0]["subject"] == "Hi Dry");
            auto skipped = http.post("/api/v1/admin/robots/" + std::to_string(picky) + "/dry-run", {{"record_id", id}}).json();
            CHECK(skipped["state"] == "skipped");
            CHECK(skipped["condition"] == false);
            CHECK(skipped["effects"].empty());

            // Nothing stayed: the record, the outbox, the jobs, the run history.
            CHECK(get_record(http, "deal", id) == before);
            CHECK(http.get("/api/v1/admin/outbox").json()["items"].size() == 1);  // the one sent when the record was created
            CHECK(http.get("/api/v1/admin/jobs?limit=500").json()["items"].size() == jobs_before);
            CHECK(robot_runs(http, mover).empty());
            run_due(server);
            CHECK(smtp.mails().size() == 1);
            CHECK(http.post("/api/v1/admin/robots/" + std::to_string(mail) + "/dry-run", {{"record_id", 999999}}).status == 404);
        }
    }
}
