// SPDX-License-Identifier: Apache-2.0
// The crm rules live in the data layer (record write hooks): the generic records API,
// Lua and robots obey them exactly as the crm routes do, on both backends.
#include "support/automation_helpers.hpp"
#include "support/crm_server.hpp"
#include "support/records_helpers.hpp"
#include "support/job_helpers.hpp"
#include "support/lua_helpers.hpp"
#include "support/problem_assertions.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <ctime>
#include <thread>

using nlohmann::json;
using namespace orbita;
using namespace orbita::test;

namespace {

std::int64_t id_of(const json& j) { return j["id"].get<std::int64_t>(); }

std::string record_url(const std::string& type, std::int64_t id = 0) {
    return "/api/v1/records/" + type + (id ? "/" + std::to_string(id) : "");
}

json patched(HttpClient& api, const std::string& type, const json& record, json change) {
    change["version"] = record["version"];
    auto r = api.patch(record_url(type, id_of(record)), change);
    INFO(r.body);
    REQUIRE(r.status == 200);
    return r.json();
}

// The refused write names the field in `errors`.
void require_field_problem(const HttpResponse& r, int status, const std::string& slug, const std::string& field) {
    auto problem = require_problem(r, status, slug);
    REQUIRE(problem.contains("errors"));
    CHECK(problem["errors"][0]["field"] == field);
    CHECK(problem["errors"][0]["code"] == slug);
}

std::size_t count(HttpClient& api, const std::string& type) { return api.get(record_url(type)).json()["items"].size(); }

}  // namespace

TEST_CASE("crm rules on the generic records API: clients, organisations and INN") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            CrmServer crm(backend, CRM_PLUGIN_DIR);
            auto& api = crm.api();

            require_field_problem(api.post(record_url("client"), {{"middle_name", "Петрович"}}), 422, "name-required", "last_name");
            require_field_problem(api.post(record_url("client"), {{"last_name", "   "}}), 422, "name-required", "last_name");
            auto anna = create_record(api, "client", {{"first_name", "  Анна  "}});
            CHECK(anna["first_name"] == "Анна");  // normalised by the hook, whoever writes
            require_field_problem(api.patch(record_url("client", id_of(anna)), {{"version", anna["version"]}, {"first_name", ""}}), 422,
                                  "name-required", "last_name");
            CHECK(patched(api, "client", anna, {{"last_name", "Смирнова"}})["last_name"] == "Смирнова");
            CHECK(count(api, "client") == 1);

            require_field_problem(api.post(record_url("organization"), {{"name", "ООО Ромашка"}, {"inn", "7707083894"}}), 422,
                                  "invalid-inn", "inn");
            require_field_problem(api.post(record_url("organization"), {{"inn", "12345"}}), 422, "invalid-inn", "inn");
            require_field_problem(api.post(record_url("organization"), {{"kpp", "773601001"}}), 422, "name-or-inn-required", "name");
            auto sber = create_record(api, "organization", {{"inn", " 7707083893 "}});
            CHECK(sber["inn"] == "7707083893");
            require_field_problem(api.patch(record_url("organization", id_of(sber)), {{"version", sber["version"]}, {"inn", "7707083890"}}),
                                  422, "invalid-inn", "inn");
            require_field_problem(api.patch(record_url("organization", id_of(sber)), {{"version", sber["version"]}, {"inn", nullptr}}),
                                  422, "name-or-inn-required", "name");
            CHECK(patched(api, "organization", sber, {{"name", "ПАО Сбербанк"}})["name"] == "ПАО Сбербанк");
            CHECK(count(api, "organization") == 1);
            CHECK(api.get(record_url("organization", id_of(sber))).json()["inn"] == "7707083893");
        }
    }
}

TEST_CASE("crm rules on the generic records API: deal funnels, stages, companies and closed deals") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            CrmServer crm(backend, CRM_PLUGIN_DIR);
            auto& api = crm.api();
            auto ours = create_record(api, "organization", {{"name", "Наша компания"}, {"is_own", true}});
            auto theirs = create_record(api, "organization", {{"name", "Другая компания"}, {"is_own", true}});
            const std::vector<std::pair<std::string, std::int64_t>> funnels = {
                {"rent", id_of(ours)}, {"resale", id_of(ours)}, {"foreign", id_of(theirs)}};
            for (const auto& [key, company] : funnels) {
                auto funnel = api.post("/api/v1/crm/funnels", {{"key", key}, {"name", key}, {"company", company},
                                                               {"stages", {{{"key", "a"}, {"name", "A"}}, {{"key", "b"}, {"name", "B"}}}}});
                INFO(funnel.body);
                REQUIRE(funnel.status == 201);
            }

            // A deal without funnel or stage is completed with the default funnel's first stage.
            auto plain = create_record(api, "deal", {{"title", "Офис"}});
            CHECK(plain["pipeline"] == "sales");
            CHECK(plain["stage"] == "new");
            require_field_problem(api.post(record_url("deal"), {{"title", "X"}, {"pipeline", "rent"}, {"stage", "zzz"}}), 422,
                                  "unknown-stage", "stage");
            require_field_problem(api.post(record_url("deal"), {{"title", "X"}, {"pipeline", "nope"}}), 422, "unknown-funnel", "pipeline");
            require_field_problem(api.post(record_url("deal"), {{"title", "X"}, {"state", "won"}}), 422, "invalid-state", "state");

            auto deal = create_record(api, "deal", {{"title", "Аренда склада"}, {"pipeline", "rent"}});
            CHECK(deal["stage"] == "a");
            deal = patched(api, "deal", deal, {{"stage", "b"}});
            deal = patched(api, "deal", deal, {{"pipeline", "resale"}, {"stage", "a"}});  // same company
            const auto path = record_url("deal", id_of(deal));
            auto other = api.patch(path, {{"version", deal["version"]}, {"pipeline", "foreign"}, {"stage", "a"}});
            require_field_problem(other, 422, "other-company", "pipeline");
            // A stage of another funnel, sent without its funnel, is not a stage of this one.
            require_field_problem(api.patch(path, {{"version", deal["version"]}, {"stage", "in_work"}}), 422, "unknown-stage", "stage");
            CHECK(api.get(path).json()["pipeline"] == "resale");

            deal = patched(api, "deal", deal, {{"state", "won"}});
            require_field_problem(api.patch(path, {{"version", deal["version"]}, {"stage", "b"}}), 409, "deal-closed", "stage");
            require_field_problem(api.patch(path, {{"version", deal["version"]}, {"state", "lost"}}), 409, "deal-closed", "state");
            deal = patched(api, "deal", deal, {{"state", "active"}, {"stage", "b"}});  // restore and move at once
            CHECK(deal["stage"] == "b");
            CHECK(deal["state"] == "active");
        }
    }
}

TEST_CASE("crm rules on the generic records API: task cycles and recurrence") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            CrmServer crm(backend, CRM_PLUGIN_DIR);
            auto& api = crm.api();
            auto a = create_record(api, "task", {{"name", "A"}});
            auto b = create_record(api, "task", {{"name", "B"}, {"depends_on", {id_of(a)}}});
            auto c = create_record(api, "task", {{"name", "C"}, {"depends_on", {id_of(b)}}});
            auto cycle = api.patch(record_url("task", id_of(a)), {{"version", a["version"]}, {"depends_on", {id_of(c)}}});
            require_field_problem(cycle, 422, "dependency-cycle", "depends_on");
            const auto expected = "#" + std::to_string(id_of(a)) + " -> #" + std::to_string(id_of(c)) + " -> #" +
                                  std::to_string(id_of(b)) + " -> #" + std::to_string(id_of(a));
            CHECK(cycle.json()["detail"].get<std::string>().find(expected) != std::string::npos);
            require_field_problem(api.patch(record_url("task", id_of(a)), {{"version", a["version"]}, {"depends_on", {id_of(a)}}}), 422,
                                  "dependency-cycle", "depends_on");
            CHECK(api.get(record_url("task", id_of(a))).json()["depends_on"].empty());

            require_field_problem(api.post(record_url("task"), {{"name", "R"}, {"recurrence", "daily"}}), 422, "invalid-recurrence",
                                  "recurrence");
            auto weekly = create_record(api, "task", {{"name", "Планёрка"}, {"recurrence", "weekly"}, {"start_at", "2026-11-23T09:00:00Z"}});
            // An end of repetition before the start would never produce a task: refused on update too.
            require_field_problem(api.patch(record_url("task", id_of(weekly)), {{"version", weekly["version"]}, {"recurrence_until", "2026-01-01"}}),
                                  422, "invalid-recurrence", "recurrence");
            require_field_problem(api.patch(record_url("task", id_of(weekly)), {{"version", weekly["version"]}, {"start_at", nullptr}}), 422,
                                  "invalid-recurrence", "recurrence");
            CHECK(count(api, "task") == 4);
        }
    }
}

TEST_CASE("crm rules hold for Lua writes") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            CrmServer crm(backend, CRM_PLUGIN_DIR);
            auto& server = *crm.server;
            auto bad_inn = run_lua(server, "orbita.records.create('organization', {name = 'ООО Ромашка', inn = '7707083894'})");
            CHECK_FALSE(bad_inn.ok);
            CHECK(lua_error(bad_inn).find("wrong check digit") != std::string::npos);
            auto nameless = run_lua(server, "orbita.records.create('client', {middle_name = 'Петрович'})");
            CHECK(lua_error(nameless).find("last_name or a first_name") != std::string::npos);
            auto lost = run_lua(server, "orbita.records.create('deal', {title = 'X', pipeline = 'sales', stage = 'nowhere'})");
            CHECK(lua_error(lost).find("has no stage 'nowhere'") != std::string::npos);
            auto good = run_lua(server, "local d = orbita.records.create('deal', {title = 'Лид из Lua'})\nreturn d.stage");
            INFO(lua_error(good));
            REQUIRE(good.ok);
            CHECK(good.value == "new");
            CHECK(count(crm.api(), "organization") == 0);
            CHECK(count(crm.api(), "client") == 0);
            CHECK(count(crm.api(), "deal") == 1);
        }
    }
}

TEST_CASE("crm rules hold for robot writes") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            CrmServer crm(backend, CRM_PLUGIN_DIR, json::object(), manual_jobs_config());
            auto& api = crm.api();
            // A kernel pipeline with the crm funnel's key and stage keys, so a robot attaches to a crm stage.
            auto sales = create_pipeline(api, "sales", {"new", "in_work", "closing"});
            auto robot = create_robot(api, {{"stage_id", stage_id(sales, "in_work")}, {"name", "Контрагент"}, {"action", "create_record"},
                                            {"params", {{"type", "organization"}, {"fields", {{"name", "ООО Ромашка"}, {"inn", "7707083894"}}}}}});
            auto deal = create_record(api, "deal", {{"title", "Сделка с роботом"}});
            CHECK(deal["stage"] == "new");
            auto moved = api.post("/api/v1/crm/deals/" + std::to_string(id_of(deal)) + "/move", {{"stage", "in_work"}});
            INFO(moved.body);
            REQUIRE(moved.status == 200);
            CHECK(run_due(*crm.server) == 1);
            auto runs = robot_runs(api, id_of(robot));
            REQUIRE(runs.size() == 1);
            CHECK(runs[0]["state"] == "failed");
            CHECK(runs[0]["error"].dump().find("wrong check digit") != std::string::npos);
            CHECK(count(api, "organization") == 0);
        }
    }
}

namespace {

// An instant `offset` from now as the API writes datetimes ("2026-11-23T09:15:00Z").
std::string utc_from_now(std::chrono::seconds offset) {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + offset);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

}  // namespace

TEST_CASE("a task's overdue flag is derived: set when its end passes, cleared when it is done") {
    using namespace std::chrono_literals;
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            CrmServer crm(backend, CRM_PLUGIN_DIR, {{"overdue_check_seconds", 1}});
            auto& api = crm.api();
            const auto get_task = [&](std::int64_t id) { return api.get(record_url("task", id)).json(); };

            // Past its end on creation: overdue at once (the write hook), whatever the writer says.
            auto late = create_record(api, "task", {{"name", "Позвонить клиенту"}, {"start_at", utc_from_now(-2h)},
                                                    {"end_at", utc_from_now(-1h)}, {"overdue", false}});
            CHECK(late["overdue"] == true);
            CHECK(patched(api, "task", late, {{"overdue", false}})["overdue"] == true);
            // A finished task is never overdue; completing clears the flag in the same write.
            auto done = api.get("/api/v1/records/task_status?filter[kind]=done").json()["items"];
            REQUIRE_FALSE(done.empty());
            auto closed = create_record(api, "task", {{"name", "Отправить договор"}, {"end_at", utc_from_now(-1h)},
                                                      {"status", done[0]["id"]}});
            CHECK(closed["overdue"] == false);
            REQUIRE(api.post("/api/v1/crm/tasks/" + std::to_string(id_of(late)) + "/complete", json::object()).status == 200);
            CHECK(get_task(id_of(late))["overdue"] == false);

            // Nobody touches this one: the periodic sweep marks it once its end has passed.
            auto soon = create_record(api, "task", {{"name", "Встреча в офисе"}, {"end_at", utc_from_now(2s)}});
            CHECK(soon["overdue"] == false);
            bool marked = false;
            // The job queue schedules the first pass a while after start; allow it 30 s.
            for (int i = 0; i < 150 && !marked; ++i) {
                std::this_thread::sleep_for(200ms);
                marked = get_task(id_of(soon))["overdue"] == true;
            }
            CHECK(marked);
            // Moving the end into the future clears it again.
            CHECK(patched(api, "task", get_task(id_of(soon)), {{"end_at", utc_from_now(24h)}})["overdue"] == false);
            // Lists filter on it like any field.
            auto overdue_now = api.get("/api/v1/records/task?filter[overdue]=true").json()["items"];
            CHECK(overdue_now.empty());
        }
    }
}
