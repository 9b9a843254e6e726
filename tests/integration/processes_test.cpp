// SPDX-License-Identifier: Apache-2.0
// Durable processes on both backends, driven by a manual clock: waits that wake exactly
// on time, events against timeouts (exactly one wins), p.go and persisted variables.
#include "jobs/job_runner.hpp"
#include "support/problem_assertions.hpp"
#include "support/process_harness.hpp"
#include "support/records_helpers.hpp"

#include "storage/database.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using namespace orbita::test;
using orbita::kernel::ManualClock;

TEST_CASE("a process waiting until a time wakes exactly then, with its variables kept") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            ProcessHarness h(backend);
            auto& s = h.s;
            auto& clock = h.clock;
            const auto started = start_process(s, "reminder", {{"vars", {{"client", "Рога и копыта"}}}});
            const auto id = started["id"].get<std::int64_t>();
            CHECK(started["status"] == "running");
            CHECK(started["step"] == "start");

            CHECK(s.kernel().job_runner().run_due() == 1);
            auto waiting = process_instance(s, id);
            CHECK(waiting["status"] == "waiting");
            CHECK(waiting["waiting"] == json{{"until", "2025-03-12T12:00:00.000Z"}, {"next", "remind"}});
            CHECK(waiting["vars"] == json{{"client", "Рога и копыта"}, {"started", "2025-03-12T09:00:00.000Z"}, {"count", 1}});

            CHECK(run_at(s, *clock, "2025-03-12T11:59:59.999Z") == 0);
            CHECK(process_instance(s, id)["status"] == "waiting");
            CHECK(notifications_of(s, s.admin_id()).empty());

            CHECK(run_at(s, *clock, "2025-03-12T12:00:00Z") == 1);
            auto done = process_instance(s, id);
            CHECK(done["status"] == "completed");
            CHECK(done["finished_at"] == "2025-03-12T12:00:00.000Z");
            CHECK(done["vars"]["count"] == 2);
            CHECK(done["vars"]["reminded"] == "2025-03-12T12:00:00.000Z");
            const auto notes = notifications_of(s, s.admin_id());
            REQUIRE(notes.size() == 1);
            CHECK(notes[0]["title"] == "Reminder");
            CHECK(notes[0]["body"] == "Time to call Рога и копыта");
            CHECK(notes[0]["created_at"] == "2025-03-12T12:00:00.000Z");

            // The history tells the story.
            std::vector<std::string> outcomes;
            for (const auto& line : done["history"]) outcomes.push_back(line["outcome"].get<std::string>() + ":" + line["step"].get<std::string>());
            CHECK(outcomes == std::vector<std::string>{"started:start", "wait_until:start", "finish:remind"});
            CHECK(done["history"][2]["detail"]["woke"] == "time");
            CHECK(done["history"][2]["detail"]["effects"] == 1);

            // Nothing runs twice.
            CHECK(run_at(s, *clock, "2025-03-13T12:00:00Z") == 0);
            CHECK(notifications_of(s, s.admin_id()).size() == 1);
        }
    }
}

TEST_CASE("wait_for: an event before the timeout resumes once; a wait that times out takes on_timeout") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            ProcessHarness h(backend);
            auto& s = h.s;
            auto& clock = h.clock;
            const auto fast = h.ticket("Printer"), slow = h.ticket("Scanner");
            const auto a = h.watch(fast), b = h.watch(slow);
            CHECK(s.kernel().job_runner().run_due() == 2);
            auto waiting = process_instance(s, a);
            CHECK(waiting["status"] == "waiting");
            CHECK(waiting["waiting"]["event"] == "record.updated");
            CHECK(waiting["waiting"]["until"] == "2025-03-12T10:00:00.000Z");
            CHECK(waiting["waiting"]["filter"] == json{{"type", "ticket"}, {"id", fast}, {"status", "done"}});

            // An update that does not match the filter, and one to another ticket, change nothing.
            clock->set(*orbita::kernel::parse_iso_datetime("2025-03-12T09:20:00Z"));
            update_ticket(s, fast, {{"status", "in_progress"}});
            CHECK(process_instance(s, a)["status"] == "waiting");
            // The matching update resumes the instance in its own transaction.
            clock->set(*orbita::kernel::parse_iso_datetime("2025-03-12T09:30:00Z"));
            update_ticket(s, fast, {{"status", "done"}});
            CHECK(process_instance(s, a)["status"] == "running");
            CHECK(process_instance(s, b)["status"] == "waiting");
            CHECK(s.kernel().job_runner().run_due() == 1);
            auto done = process_instance(s, a);
            CHECK(done["status"] == "completed");
            CHECK(done["vars"]["outcome"] == "done");
            CHECK(done["vars"]["timed_out"] == false);
            CHECK(done["vars"]["at"] == "2025-03-12T09:30:00.000Z");
            CHECK(done["vars"]["event"]["name"] == "record.updated");
            CHECK(done["vars"]["event"]["id"] == fast);
            CHECK(done["vars"]["event"]["changed"] == json::array({"status"}));
            CHECK_FALSE(done["vars"]["event"]["payload"].contains("record"));  // values are read through p.record

            // The other one times out exactly at 10:00; its later update is ignored.
            CHECK(run_at(s, *clock, "2025-03-12T09:59:59Z") == 0);
            CHECK(run_at(s, *clock, "2025-03-12T10:00:00Z") == 1);  // only b's timeout: a's was cancelled
            auto late = process_instance(s, b);
            CHECK(late["status"] == "completed");
            CHECK(late["vars"]["outcome"] == "late");
            CHECK(late["vars"]["timed_out"] == true);
            CHECK(late["vars"]["at"] == "2025-03-12T10:00:00.000Z");
            update_ticket(s, slow, {{"status", "done"}});
            CHECK(run_at(s, *clock, "2025-03-12T12:00:00Z") == 0);
            CHECK(process_instance(s, b)["vars"]["outcome"] == "late");
            CHECK(process_instance(s, a)["vars"]["outcome"] == "done");
            CHECK(count_rows(s, "SELECT COUNT(*) FROM jobs WHERE kind = 'process.step' AND state = 'cancelled'") == 1);
        }
    }
}

TEST_CASE("an event that arrives after the timeout fired, in the same instant, finds nothing to resume") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            ProcessHarness h(backend);
            auto& s = h.s;
            auto& clock = h.clock;
            const auto ticket = h.ticket("Printer");
            const auto id = h.watch(ticket);
            s.kernel().job_runner().run_due();
            // The timeout wins: the event is one second late.
            CHECK(run_at(s, *clock, "2025-03-12T10:00:00Z") == 1);
            clock->advance(std::chrono::seconds(1));
            update_ticket(s, ticket, {{"status", "done"}});
            CHECK(s.kernel().job_runner().run_due() == 0);
            const auto instance = process_instance(s, id);
            CHECK(instance["vars"]["outcome"] == "late");
            std::vector<std::string> steps;
            for (const auto& line : instance["history"]) steps.push_back(line["outcome"].get<std::string>());
            CHECK(steps == std::vector<std::string>{"started", "wait_for", "finish"});
        }
    }
}

TEST_CASE("p.go runs another step at once; loops are stopped with a visible error") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            ProcessHarness h(backend);
            auto& s = h.s;
            create_process(s, "chain", R"(
                return {
                  start = function(p) p.vars.path = {"start"} return p.go("middle") end,
                  middle = function(p) table.insert(p.vars.path, "middle") return p.go("last") end,
                  last = function(p) table.insert(p.vars.path, "last") end,
                })");
            const auto id = start_process(s, "chain")["id"].get<std::int64_t>();
            CHECK(s.kernel().job_runner().run_due() == 3);
            auto done = process_instance(s, id);
            CHECK(done["status"] == "completed");
            CHECK(done["vars"]["path"] == json::array({"start", "middle", "last"}));

            create_process(s, "ping_pong", R"(
                return {
                  start = function(p) return p.go("pong") end,
                  pong = function(p) p.vars.n = (p.vars.n or 0) + 1 return p.go("start") end,
                })");
            const auto loop = start_process(s, "ping_pong")["id"].get<std::int64_t>();
            s.kernel().job_runner().run_due();
            auto stopped = process_instance(s, loop);
            CHECK(stopped["status"] == "failed");
            CHECK(stopped["error"]["message"].get<std::string>().find("steps in a row without waiting") != std::string::npos);
            CHECK(stopped["vars"]["n"] == 50);
        }
    }
}

