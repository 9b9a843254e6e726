// SPDX-License-Identifier: Apache-2.0
// Durable processes on both backends, what goes wrong and what admins do: failing steps
// with their line and retry (a failed step's writes rolled back), cancel, admin lists,
// bad requests, a restart, duplicate wake-ups, the start_process action and dry runs.
#include "jobs/job_queue.hpp"
#include "jobs/job_runner.hpp"
#include "processes/processes_module.hpp"
#include "processes/start_process_action.hpp"
#include "support/problem_assertions.hpp"
#include "support/process_harness.hpp"
#include "support/records_helpers.hpp"

#include "storage/database.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using namespace orbita::test;
using orbita::kernel::ManualClock;

TEST_CASE("a failing step leaves the instance failed with its line, rolls its writes back, and can be retried") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            ProcessHarness h(backend);
            auto& s = h.s;
            auto& clock = h.clock;
            auto http = s.client();
            const auto ticket = h.ticket("Printer");
            const auto script = create_process(s, "fragile", R"(return {
  start = function(p)
    orbita.records.update("ticket", p.record.id, {subject = "changed by the step"})
    orbita.notify("admin", "written before the failure")
    p.vars.touched = true
    local missing = nil
    return missing.field
  end,
})");
            const auto id = start_process(s, "fragile", {{"record", {{"type", "ticket"}, {"id", ticket}}}, {"vars", {{"n", 1}}}})["id"].get<std::int64_t>();
            s.kernel().job_runner().run_due();
            auto failed = process_instance(s, id);
            CHECK(failed["status"] == "failed");
            CHECK(failed["step"] == "start");
            CHECK(failed["error"] == json{{"kind", "runtime"}, {"script_id", "script:" + std::to_string(script)},
                                         {"chunk", "scripts/fragile.lua"}, {"line", 7},
                                         {"message", "attempt to index a nil value (local 'missing')"}, {"step", "start"}});
            CHECK(failed["vars"] == json{{"n", 1}});  // the step's changes to p.vars are gone too
            // Its writes rolled back with it.
            CHECK(http.get("/api/v1/records/ticket/" + std::to_string(ticket)).json()["subject"] == "Printer");
            CHECK(notifications_of(s, s.admin_id()).empty());
            CHECK(s.kernel().job_runner().run_due() == 0);  // failed: nothing retries on its own

            // The administrator fixes the script and retries: the step runs again with the new version.
            auto admin = s.client();
            auto fixed = admin.patch("/api/v1/admin/scripts/" + std::to_string(script), {{"source", R"(return {
  start = function(p)
    orbita.records.update("ticket", p.record.id, {subject = "changed by the step"})
    orbita.notify("admin", "written by the fixed step")
    p.vars.touched = true
  end,
})"}});
            REQUIRE(fixed.status == 200);
            clock->advance(std::chrono::minutes(5));
            auto retried = admin.post("/api/v1/admin/processes/instances/" + std::to_string(id) + "/retry", json::object());
            INFO(retried.body);
            REQUIRE(retried.status == 200);
            CHECK(retried.json()["status"] == "running");
            CHECK(retried.json()["script_version"] == 2);
            CHECK(retried.json()["error"].is_null());
            CHECK(s.kernel().job_runner().run_due() == 1);
            auto done = process_instance(s, id);
            CHECK(done["status"] == "completed");
            CHECK(done["vars"] == json{{"n", 1}, {"touched", true}});
            CHECK(http.get("/api/v1/records/ticket/" + std::to_string(ticket)).json()["subject"] == "changed by the step");
            REQUIRE(notifications_of(s, s.admin_id()).size() == 1);
            CHECK(notifications_of(s, s.admin_id())[0]["link"] == json{{"type", "ticket"}, {"id", ticket}});
            std::vector<std::string> steps;
            for (const auto& line : done["history"]) steps.push_back(line["outcome"].get<std::string>());
            CHECK(steps == std::vector<std::string>{"started", "failed", "retried", "finish"});
            CHECK(done["history"][1]["detail"]["line"] == 7);
            CHECK(done["history"][2]["detail"] == json{{"by", "admin"}, {"version", 2}});
            require_problem(admin.post("/api/v1/admin/processes/instances/" + std::to_string(id) + "/retry", json::object()),
                            409, "process-not-failed");
            require_problem(admin.post("/api/v1/admin/processes/instances/" + std::to_string(id) + "/cancel", json::object()),
                            409, "process-ended");
        }
    }
}

TEST_CASE("cancelling a waiting instance drops its wake-up; admin lists filter by process, status and record") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            ProcessHarness h(backend);
            auto& s = h.s;
            auto& clock = h.clock;
            auto admin = s.client();
            const auto ticket = h.ticket("Printer");
            const auto r1 = start_process(s, "reminder", {{"vars", {{"client", "A"}}}})["id"].get<std::int64_t>();
            const auto r2 = start_process(s, "reminder", {{"vars", {{"client", "B"}}}})["id"].get<std::int64_t>();
            const auto w = start_process(s, "ticket_watch", {{"record", {{"type", "ticket"}, {"id", ticket}}}})["id"].get<std::int64_t>();
            s.kernel().job_runner().run_due();

            auto cancelled = admin.post("/api/v1/admin/processes/instances/" + std::to_string(r1) + "/cancel", json::object());
            REQUIRE(cancelled.status == 200);
            CHECK(cancelled.json()["status"] == "cancelled");
            CHECK(cancelled.json()["waiting"].is_null());
            auto cancelled_watch = admin.post("/api/v1/admin/processes/instances/" + std::to_string(w) + "/cancel", json::object());
            REQUIRE(cancelled_watch.status == 200);
            update_ticket(s, ticket, {{"status", "done"}});  // nobody waits for it any more
            CHECK(run_at(s, *clock, "2025-03-12T12:00:00Z") == 1);  // r2 only
            CHECK(process_instance(s, r1)["status"] == "cancelled");
            CHECK(process_instance(s, r2)["status"] == "completed");
            CHECK(process_instance(s, w)["status"] == "cancelled");
            CHECK(notifications_of(s, s.admin_id()).size() == 1);
            CHECK(process_instance(s, r1)["history"].back() ==
                  json{{"seq", 3}, {"step", "remind"}, {"outcome", "cancelled"}, {"detail", {{"by", "admin"}}},
                       {"at", "2025-03-12T09:00:00.000Z"}, {"duration_us", 0}});

            auto ids = [&](const std::string& query) {
                const auto page = admin.get("/api/v1/admin/processes/instances" + query).json();
                std::vector<std::int64_t> out;
                for (const auto& i : page["items"]) out.push_back(i["id"]);
                return out;
            };
            CHECK(ids("") == std::vector<std::int64_t>{w, r2, r1});
            CHECK(ids("?process=reminder") == std::vector<std::int64_t>{r2, r1});
            CHECK(ids("?status=cancelled") == std::vector<std::int64_t>{w, r1});
            CHECK(ids("?record=ticket:" + std::to_string(ticket)) == std::vector<std::int64_t>{w});
            auto page = admin.get("/api/v1/admin/processes/instances?limit=2").json();
            CHECK(page["items"].size() == 2);
            CHECK(ids("?cursor=" + page["next_cursor"].get<std::string>()) == std::vector<std::int64_t>{r1});
            CHECK(admin.get("/api/v1/audit?action=process.cancelled").json()["items"].size() == 2);
        }
    }
}

TEST_CASE("bad process requests answer problem+json; non-administrators are refused") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer s(backend, manual_jobs_config());
            s.add_ticket_type();
            auto admin = s.client();
            create_process(s, "reminder", kReminderProcess);
            const std::string base = "/api/v1/admin/processes/instances";
            auto doc = require_problem(admin.post(base, json{{"process", "nothing"}}), 422);
            CHECK(field_error(doc, "process")["message"] == "there is no process script 'nothing'");
            require_problem(admin.post(base, json::object()), 422);
            doc = require_problem(admin.post(base, json{{"process", "reminder"}, {"vars", json::array()}}), 422);
            CHECK_FALSE(field_error(doc, "vars").is_null());
            doc = require_problem(admin.post(base, json{{"process", "reminder"}, {"record", "ticket:1"}}), 422);
            CHECK_FALSE(field_error(doc, "record").is_null());
            require_problem(admin.post(base, json{{"process", "reminder"}, {"record", {{"type", "ticket"}, {"id", 999}}}}), 404);
            doc = require_problem(admin.post(base, json{{"process", "reminder"}, {"as", "ghost"}}), 422);
            CHECK(field_error(doc, "as")["message"] == "user 'ghost' does not exist or is inactive");
            // A module is not a process.
            REQUIRE(admin.post("/api/v1/admin/scripts", {{"name", "helpers"}, {"kind", "module"}, {"source", "return {}"}}).status == 201);
            require_problem(admin.post(base, json{{"process", "helpers"}}), 422);
            // A disabled process does not start.
            const auto id = admin.get("/api/v1/admin/scripts").json()["items"];
            for (const auto& script : id) {
                if (script["name"] == "reminder")
                    REQUIRE(admin.patch("/api/v1/admin/scripts/" + std::to_string(script["id"].get<std::int64_t>()),
                                        {{"enabled", false}}).status == 200);
            }
            doc = require_problem(admin.post(base, json{{"process", "reminder"}}), 422);
            CHECK(field_error(doc, "process")["message"] == "process script 'reminder' is disabled");

            require_problem(admin.get(base + "/999"), 404);
            require_problem(admin.post(base + "/999/cancel", json::object()), 404);
            require_problem(admin.get(base + "?status=sleeping"), 400);
            require_problem(admin.get(base + "?record=ticket"), 400);
            require_problem(admin.get(base + "?colour=red"), 400);

            s.create_user("manager", {});
            auto user = s.client_with_token(s.token_for("manager"));
            require_problem(user.get(base), 403);
            require_problem(user.post(base, json{{"process", "reminder"}}), 403);
        }
    }
}

TEST_CASE("a step's mistakes are script errors with the line of the call") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer s(backend, manual_jobs_config());
            auto run_step = [&](const std::string& name, const std::string& source) {
                create_process(s, name, source);
                const auto id = start_process(s, name)["id"].get<std::int64_t>();
                s.kernel().job_runner().run_due();
                auto instance = process_instance(s, id);
                CHECK(instance["status"] == "failed");
                return instance["error"];
            };
            auto e = run_step("typo", "return {\n start = function(p)\n  return p.wait_until('2025-01-01T00:00:00Z', 'remnd')\n end,\n remind = function(p) end,\n}");
            CHECK(e["message"] == "p.wait_until: there is no step 'remnd' (steps: remind, start)");
            CHECK(e["line"] == 3);
            e = run_step("bad_time", "return {\n start = function(p)\n\n  return p.wait_until('tomorrow', 'start')\n end,\n}");
            CHECK(e["message"] == "p.wait_until: argument #1 must be an ISO 8601 date-time with a zone, such as orbita.now()");
            CHECK(e["line"] == 4);
            e = run_step("no_next", "return {\n start = function(p)\n  return p.wait_for('record.updated', {type = 'ticket'}, {timeout = 60})\n end,\n}");
            CHECK(e["message"] == "p.wait_for: options.next must be the name of a step (start)");
            e = run_step("stray_option", "return {\n start = function(p)\n  return p.wait_for('x', nil, {next = 'start', timout = 60})\n end,\n}");
            CHECK(e["message"] == "p.wait_for: unknown option 'timout' (options: next, timeout, timeout_at, on_timeout)");
            e = run_step("no_start", "return { begin = function(p) end }");
            CHECK(e["message"] == "the script has no function 'start'");
            e = run_step("forged", "return { start = function(p) return {op = 'sleep'} end }");
            CHECK(e["message"].get<std::string>().find("unknown op 'sleep'") != std::string::npos);
            e = run_step("bad_vars", "return { start = function(p) p.vars.f = function() end end }");
            CHECK(e["message"] == "vars cannot be kept: a function value has no JSON form");
            e = run_step("colon_call", "return { start = function(p) return p:go('other') end, other = function(p) error('reached') end }");
            CHECK(e["message"] == "reached");  // p:go(...) works as p.go(...)
        }
    }
}

TEST_CASE("a restarted server resumes waiting instances once, on time") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            ProcessHarness h(backend);
            auto& s = h.s;
            auto& clock = h.clock;
            const auto id = start_process(s, "reminder", {{"vars", {{"client", "C"}}}})["id"].get<std::int64_t>();
            CHECK(s.kernel().job_runner().run_due() == 1);
            CHECK(run_at(s, *clock, "2025-03-12T11:00:00Z") == 0);
            s.restart();
            CHECK(process_instance(s, id)["status"] == "waiting");
            CHECK(run_at(s, *clock, "2025-03-12T11:59:59Z") == 0);
            s.restart();
            CHECK(run_at(s, *clock, "2025-03-12T12:00:00Z") == 1);
            CHECK(process_instance(s, id)["status"] == "completed");
            CHECK(notifications_of(s, s.admin_id()).size() == 1);
            s.restart();
            CHECK(run_at(s, *clock, "2025-03-20T12:00:00Z") == 0);
            CHECK(notifications_of(s, s.admin_id()).size() == 1);
        }
    }
}

TEST_CASE("a duplicate wake-up job for a step that already ran changes nothing") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            ProcessHarness h(backend);
            auto& s = h.s;
            const auto id = start_process(s, "reminder", {{"vars", {{"client", "D"}}}})["id"].get<std::int64_t>();
            s.kernel().database().write([&](orbita::kernel::storage::Transaction& tx) {
                for (int i = 0; i < 2; ++i) {
                    s.kernel().jobs().schedule(tx, {"process.step", {{"instance", id}, {"seq", 1}}, std::nullopt,
                                                    "again:" + std::to_string(i)});
                }
            });
            CHECK(s.kernel().job_runner().run_due() == 3);
            auto instance = process_instance(s, id);
            CHECK(instance["vars"]["count"] == 1);  // the start step ran once
            CHECK(instance["history"].size() == 2);
            CHECK(count_rows(s, "SELECT COUNT(*) FROM jobs WHERE kind = 'process.step' AND state = 'done'") == 3);
        }
    }
}

TEST_CASE("the start_process action starts an instance in the caller's transaction; dry runs check and keep nothing") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            ProcessHarness h(backend);
            auto& s = h.s;
            auto http = s.client();
            const auto ticket = h.ticket("Printer");
            auto& action = s.kernel().processes().start_process_action();
            const auto robot = orbita::kernel::Actor::system_actor("robots");
            const orbita::kernel::lua::RecordRef record{"ticket", ticket};
            auto run = [&](const json& params, bool dry_run) {
                return s.kernel().database().write(
                    [&](orbita::kernel::storage::Transaction& tx) { return action.run(params, robot, record, tx, dry_run); });
            };
            const auto dry = run({{"process", "ticket_watch"}, {"vars", {{"source", "robot"}}}}, true);
            CHECK(dry == json{{"kind", "process.started"}, {"process", "ticket_watch"}, {"record", {{"type", "ticket"}, {"id", ticket}}},
                              {"run_as", "system:robots"}});
            CHECK(http.get("/api/v1/admin/processes/instances").json()["items"].empty());

            auto started = run({{"process", "ticket_watch"}, {"vars", {{"source", "robot"}}}}, false);
            const auto id = started["instance"].get<std::int64_t>();
            started.erase("instance");
            CHECK(started == dry);
            CHECK(s.kernel().job_runner().run_due() == 1);
            auto instance = process_instance(s, id);
            CHECK(instance["status"] == "waiting");
            CHECK(instance["run_as"] == json{{"id", 0}, {"login", "system:robots"}});
            CHECK(instance["started_by"] == "system:robots");
            CHECK(instance["vars"] == json{{"source", "robot"}, {"subject", "Printer"}});
            // As a named user instead of the robot.
            const auto as_admin = run({{"process", "ticket_watch"}, {"as", "admin"}}, false)["instance"].get<std::int64_t>();
            CHECK(process_instance(s, as_admin)["run_as"] == json{{"id", s.admin_id()}, {"login", "admin"}});

            auto refused = [&](const json& params, const std::string& field) {
                require_problem_thrown([&] { run(params, true); }, 422, field);
            };
            refused(json::object(), "process");
            refused({{"process", "nothing"}}, "process");
            refused({{"process", "ticket_watch"}, {"vars", 3}}, "vars");
            refused({{"process", "ticket_watch"}, {"as", "ghost"}}, "as");
            refused({{"process", "ticket_watch"}, {"wait", 1}}, "wait");
        }
    }
}

TEST_CASE("a dry run of a process step shows what it would do and keeps nothing") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            ProcessHarness h(backend);
            auto& s = h.s;
            auto admin = s.client();
            auto r = admin.post("/api/v1/admin/processes/dry-run",
                                {{"process", "reminder"}, {"step", "remind"}, {"vars", {{"client", "E"}, {"count", 1}}}});
            INFO(r.body);
            REQUIRE(r.status == 200);
            const auto result = r.json();
            CHECK(result["ok"] == true);
            CHECK(result["committed"] == false);
            CHECK(result["value"] == json{{"op", "finish"}});
            CHECK(result["vars"] == json{{"client", "E"}, {"count", 2}, {"reminded", "2025-03-12T09:00:00.000Z"}});
            REQUIRE(result["effects"].size() == 1);
            CHECK(result["effects"][0]["kind"] == "notification");
            CHECK(result["effects"][0]["text"] == "Time to call E");
            CHECK(notifications_of(s, s.admin_id()).empty());
            CHECK(admin.get("/api/v1/admin/processes/instances").json()["items"].empty());
            auto start = admin.post("/api/v1/admin/processes/dry-run", {{"process", "reminder"}, {"vars", {{"client", "F"}}}}).json();
            CHECK(start["value"] == json{{"op", "wait_until"}, {"at", "2025-03-12T12:00:00.000Z"}, {"next", "remind"}});
            auto missing = admin.post("/api/v1/admin/processes/dry-run", {{"process", "reminder"}, {"step", "nope"}}).json();
            CHECK(missing["ok"] == false);
            CHECK(missing["error"]["message"] == "the script has no function 'nope'");
        }
    }
}
