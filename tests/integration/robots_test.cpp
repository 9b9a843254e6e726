// SPDX-License-Identifier: Apache-2.0
// Robots on both backends, driven by a manual clock: firing on stage entry and on
// creation in the stage, conditions (filter and Lua), every kind of delay, and
// cancel_on_leave both ways.
#include "support/automation_helpers.hpp"
#include "support/records_helpers.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using namespace orbita;
using namespace orbita::test;
using namespace std::chrono_literals;

namespace {

// Wednesday 7 May 2025, 16:00 in Moscow: two working hours are left that day, then the
// May holidays (8-9 May) and a weekend.
const auto kStart = *kernel::parse_iso_datetime("2025-05-07T13:00:00Z");

std::int64_t id_of(const json& j) { return j["id"].get<std::int64_t>(); }

json set_note(std::int64_t stage, const std::string& name, const std::string& note, json extra = json::object()) {
    json body = {{"stage_id", stage}, {"name", name}, {"action", "set_field"}, {"params", {{"fields", {{"note", note}}}}}};
    body.update(extra);
    return body;
}

// States of a robot's runs, oldest first.
std::vector<std::string> states(HttpClient& http, std::int64_t robot) {
    std::vector<std::string> out;
    for (const auto& r : robot_runs(http, robot)) out.insert(out.begin(), r["state"].get<std::string>());
    return out;
}

struct Fixture {
    std::shared_ptr<kernel::ManualClock> clock = std::make_shared<kernel::ManualClock>(kStart);
    TestServer server;
    HttpClient http;
    json sales;
    explicit Fixture(const std::string& backend) : server(backend, manual_jobs_config(), clock), http(server.client()) {
        add_deal_types(server);
        sales = create_pipeline(http, "sales", {"new", "qualified", "won", "lost"});
    }
    std::int64_t stage(const std::string& key) const { return stage_id(sales, key); }
    std::string note(std::int64_t id) {
        auto n = get_record(http, "deal", id)["note"];
        return n.is_null() ? "" : n.get<std::string>();
    }
};

}  // namespace

TEST_CASE("a robot fires when a record enters its stage or is created in it, once per entry") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            Fixture f(backend);
            auto robot = create_robot(f.http, {{"stage_id", f.stage("qualified")}, {"name", "Score"}, {"action", "set_field"},
                                               {"params", {{"fields", {{"score", 10}, {"note", "Qualified: {{record.title}}"}}}}}});
            CHECK(robot["run_as"] == "admin");
            CHECK(robot["delay"] == json{{"kind", "none"}});
            CHECK(robot["cancel_on_leave"] == true);
            const auto entered = id_of(create_record(f.http, "deal", {{"title", "Entered"}}));
            CHECK(run_due(f.server) == 0);
            REQUIRE(move(f.http, "deal", entered, "qualified").status == 200);
            CHECK(run_due(f.server) == 1);
            auto after = get_record(f.http, "deal", entered);
            CHECK(after["score"] == 10);
            CHECK(after["note"] == "Qualified: Entered");
            CHECK(after["updated_by"] == f.server.admin_id());

            const auto born = id_of(create_record(f.http, "deal", {{"title", "Born qualified"}, {"stage", "qualified"}}));
            CHECK(run_due(f.server) == 1);
            CHECK(f.note(born) == "Qualified: Born qualified");
            CHECK(run_due(f.server) == 0);

            auto runs = robot_runs(f.http, id_of(robot));
            REQUIRE(runs.size() == 2);
            CHECK(runs[0]["record_id"] == born);
            CHECK(runs[0]["state"] == "done");
            CHECK(runs[0]["scheduled_at"] == "2025-05-07T13:00:00.000Z");
            CHECK(runs[0]["started_at"] == "2025-05-07T13:00:00.000Z");
            CHECK(runs[0]["duration_us"].is_number_integer());
            CHECK(runs[0]["error"].is_null());
            REQUIRE(runs[0]["effects"].size() == 1);
            CHECK(runs[0]["effects"][0]["kind"] == "record.updated");
            CHECK(runs[0]["effects"][0]["changes"].size() == 2);

            // Leaving and coming back is a new entry: the robot runs again.
            move(f.http, "deal", entered, "new");
            move(f.http, "deal", entered, "qualified");
            CHECK(run_due(f.server) == 1);
            CHECK(robot_runs(f.http, id_of(robot)).size() == 3);
            // Disabled robots are not scheduled.
            REQUIRE(f.http.patch("/api/v1/admin/robots/" + std::to_string(id_of(robot)), {{"enabled", false}}).status == 200);
            move(f.http, "deal", born, "new");
            move(f.http, "deal", born, "qualified");
            CHECK(run_due(f.server) == 0);
            CHECK(robot_runs(f.http, id_of(robot)).size() == 3);
        }
    }
}

TEST_CASE("a robot runs only when its condition holds; a broken condition fails with its line") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            Fixture f(backend);
            const auto big = id_of(create_robot(
                f.http, set_note(f.stage("qualified"), "Big", "big", {{"condition", {{"filter", {{"field", "score"}, {"op", "gt"}, {"value", 5}}}}}})));
            const auto vip = id_of(create_robot(
                f.http, {{"stage_id", f.stage("qualified")}, {"name", "VIP"}, {"action", "set_field"},
                         {"params", {{"fields", {{"paid", true}}}}}, {"condition", {{"lua", "record.title:find('VIP') ~= nil"}}}}));
            const auto broken = id_of(create_robot(
                f.http, set_note(f.stage("qualified"), "Broken", "never",
                                 {{"condition", {{"lua", "local limit = 10\norbita.log('info', 'checking')\nerror('boom')"}}}})));

            const auto yes = id_of(create_record(f.http, "deal", {{"title", "VIP client"}, {"score", 10}, {"stage", "qualified"}}));
            const auto no = id_of(create_record(f.http, "deal", {{"title", "Small"}, {"score", 1}, {"stage", "qualified"}}));
            CHECK(run_due(f.server) == 2);  // one job per record: its three robots are due at once
            CHECK(f.note(yes) == "big");
            CHECK(get_record(f.http, "deal", yes)["paid"] == true);
            CHECK(f.note(no) == "");
            CHECK(get_record(f.http, "deal", no)["paid"] == false);
            CHECK(states(f.http, big) == std::vector<std::string>{"done", "skipped"});
            CHECK(states(f.http, vip) == std::vector<std::string>{"done", "skipped"});
            auto failed = robot_runs(f.http, broken);
            REQUIRE(failed.size() == 2);
            CHECK(failed[0]["state"] == "failed");
            CHECK(failed[0]["error"].get<std::string>().find("robots/robot:" + std::to_string(broken) + "/condition.lua:3: boom") !=
                  std::string::npos);
            CHECK(failed[0]["logs"][0]["message"] == "condition: checking");
            CHECK(failed[0]["effects"].is_null());
        }
    }
}

TEST_CASE("delays: calendar time, working time across a weekend and holidays, a date field, a time of day") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            Fixture f(backend);
            const auto q = f.stage("qualified");
            const auto after = id_of(create_robot(f.http, set_note(q, "30 min", "after", {{"delay", {{"kind", "after"}, {"amount", 30}, {"unit", "minutes"}}}})));
            const auto working = id_of(create_robot(f.http, {{"stage_id", q}, {"name", "4 working hours"}, {"action", "set_field"},
                                                             {"params", {{"fields", {{"score", 4}}}}},
                                                             {"delay", {{"kind", "working"}, {"amount", 4}, {"unit", "hours"}}}}));
            const auto relative = id_of(create_robot(f.http, {{"stage_id", q}, {"name", "3 days before due"}, {"action", "set_field"},
                                                              {"params", {{"fields", {{"paid", true}}}}},
                                                              {"delay", {{"kind", "relative"}, {"field", "due_date"}, {"direction", "before"},
                                                                         {"amount", 3}, {"unit", "days"}, {"time", "10:00"}}}}));
            const auto morning = id_of(create_robot(f.http, {{"stage_id", q}, {"name", "Next working morning"}, {"action", "set_field"},
                                                             {"params", {{"fields", {{"email", "morning@example.org"}}}}},
                                                             {"delay", {{"kind", "until_time"}, {"time", "09:30"}, {"working_days_only", true}}}}));
            const auto id = id_of(create_record(f.http, "deal", {{"title", "Timed"}, {"stage", "qualified"}, {"due_date", "2025-05-20"}}));
            auto scheduled = [&](std::int64_t robot) { return robot_runs(f.http, robot)[0]["scheduled_at"].get<std::string>(); };
            CHECK(scheduled(after) == "2025-05-07T13:30:00.000Z");
            CHECK(scheduled(working) == "2025-05-12T08:00:00.000Z");   // Monday 11:00 Moscow
            CHECK(scheduled(morning) == "2025-05-12T06:30:00.000Z");   // Monday 09:30 Moscow
            CHECK(scheduled(relative) == "2025-05-17T07:00:00.000Z");  // 17 May 10:00 Moscow

            CHECK(run_due(f.server) == 0);
            f.clock->advance(29min);
            CHECK(run_due(f.server) == 0);
            f.clock->advance(1min);
            CHECK(run_due(f.server) == 1);
            CHECK(f.note(id) == "after");
            f.clock->set(*kernel::parse_iso_datetime("2025-05-12T06:29:59Z"));
            CHECK(run_due(f.server) == 0);
            f.clock->set(*kernel::parse_iso_datetime("2025-05-12T06:30:00Z"));
            CHECK(run_due(f.server) == 1);
            CHECK(get_record(f.http, "deal", id)["email"] == "morning@example.org");
            CHECK(get_record(f.http, "deal", id)["score"].is_null());
            f.clock->set(*kernel::parse_iso_datetime("2025-05-12T08:00:00Z"));
            CHECK(run_due(f.server) == 1);
            CHECK(get_record(f.http, "deal", id)["score"] == 4);
            f.clock->set(*kernel::parse_iso_datetime("2025-05-17T07:00:00Z"));
            CHECK(run_due(f.server) == 1);
            CHECK(get_record(f.http, "deal", id)["paid"] == true);
            for (auto robot : {after, working, relative, morning}) CHECK(states(f.http, robot) == std::vector<std::string>{"done"});

            // A relative delay without a date cannot be scheduled: the run says why.
            create_record(f.http, "deal", {{"title", "No date"}, {"stage", "qualified"}});
            auto skipped = robot_runs(f.http, relative)[0];
            CHECK(skipped["state"] == "skipped");
            CHECK(skipped["error"] == "not scheduled: field 'due_date' is empty");
        }
    }
}

TEST_CASE("leaving the stage first cancels the pending runs of robots that ask for it") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            Fixture f(backend);
            const auto hour = json{{"kind", "after"}, {"amount", 1}, {"unit", "hours"}};
            const auto cancels = id_of(create_robot(f.http, set_note(f.stage("qualified"), "Cancels", "cancelled robot ran", {{"delay", hour}})));
            const auto stays = id_of(create_robot(f.http, {{"stage_id", f.stage("qualified")}, {"name", "Stays"}, {"action", "set_field"},
                                                           {"params", {{"fields", {{"score", 1}}}}}, {"delay", hour},
                                                           {"cancel_on_leave", false}}));
            const auto id = id_of(create_record(f.http, "deal", {{"title", "Leaves"}, {"stage", "qualified"}}));
            f.clock->advance(10min);
            REQUIRE(move(f.http, "deal", id, "won").status == 200);
            CHECK(states(f.http, cancels) == std::vector<std::string>{"cancelled"});
            CHECK(robot_runs(f.http, cancels)[0]["error"] == "the record left the stage before the robot ran");
            CHECK(states(f.http, stays) == std::vector<std::string>{"pending"});
            f.clock->advance(50min);
            CHECK(run_due(f.server) == 1);
            CHECK(states(f.http, stays) == std::vector<std::string>{"done"});
            CHECK(get_record(f.http, "deal", id)["score"] == 1);
            CHECK(f.note(id) == "");

            // When every run of a job is cancelled, so is the job.
            const auto lost_robot = id_of(create_robot(f.http, set_note(f.stage("lost"), "Lost", "x", {{"delay", hour}})));
            move(f.http, "deal", id, "lost");
            move(f.http, "deal", id, "new");
            CHECK(states(f.http, lost_robot) == std::vector<std::string>{"cancelled"});
            auto jobs = f.http.get("/api/v1/admin/jobs?kind=automation.robots&state=cancelled").json()["items"];
            CHECK(jobs.size() == 1);
            f.clock->advance(2h);
            CHECK(run_due(f.server) == 0);

            // Disabling a robot cancels its pending runs; its job then finds nothing to do.
            const auto later = id_of(create_robot(f.http, set_note(f.stage("won"), "Later", "later", {{"delay", hour}})));
            move(f.http, "deal", id, "won");
            REQUIRE(f.http.patch("/api/v1/admin/robots/" + std::to_string(later), {{"enabled", false}}).status == 200);
            CHECK(robot_runs(f.http, later)[0]["state"] == "cancelled");
            CHECK(robot_runs(f.http, later)[0]["error"] == "the robot was disabled before it ran");
            f.clock->advance(2h);
            run_due(f.server);
            CHECK(f.note(id) == "");
        }
    }
}
