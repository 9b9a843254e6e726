// SPDX-License-Identifier: Apache-2.0
// The crm plugin in a real kernel on both backends, over HTTP: clients with phones in
// every common Russian format, duplicates and merge, search, organisations and INN,
// funnels and deal moves, task dependencies and recurrence, demo data.
#include "app/plugin_demo_data.hpp"
#include "support/crm_server.hpp"
#include "support/problem_assertions.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>

using nlohmann::json;
using namespace orbita;
using namespace orbita::test;

namespace {

std::int64_t id_of(const json& j) { return j["id"].get<std::int64_t>(); }

std::vector<std::int64_t> client_ids(const json& found) {
    std::vector<std::int64_t> out;
    for (const auto& c : found["clients"]) out.push_back(id_of(c));
    return out;
}

}  // namespace

TEST_CASE("crm clients: phones in every common Russian format, names, duplicates, search, merge") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            CrmServer crm(backend, CRM_PLUGIN_DIR);
            auto& api = crm.api();

            // One number written six ways: all stored as +79161234567, each original kept.
            const std::vector<std::string> formats = {"+7 (916) 123-45-67", "8 916 123 45 67", "89161234567",
                                                      "9161234567", "+7-916-123-45-67", "8(916)1234567"};
            auto ivanov = crm.client({{"last_name", "Иванов"}, {"first_name", "Сергей"}, {"middle_name", "Петрович"},
                                      {"phones", {formats[0], "+7 495 987-65-43"}}, {"emails", {"S.Ivanov@Example.RU"}}});
            CHECK(ivanov["number"].get<std::string>().size() == 9);  // zero-padded client number
            REQUIRE(ivanov["phones"].size() == 2);
            CHECK(ivanov["phones"][0]["e164"] == "+79161234567");
            CHECK(ivanov["phones"][0]["raw"] == formats[0]);
            CHECK(ivanov["phones"][1]["e164"] == "+74959876543");
            CHECK(ivanov["emails"][0]["email"] == "s.ivanov@example.ru");

            // The same number in any format is a duplicate: 409 with the candidate.
            for (const auto& written : formats) {
                auto dup = api.post("/api/v1/crm/clients", {{"first_name", "Сергей"}, {"phones", {written}}});
                auto problem = require_problem(dup, 409, "duplicate-client");
                REQUIRE(problem["candidates"].size() == 1);
                CHECK(id_of(problem["candidates"][0]) == id_of(ivanov));
                CHECK(problem["candidates"][0]["phones"][0]["e164"] == "+79161234567");
            }
            require_problem(api.post("/api/v1/crm/clients", {{"first_name", "С"}, {"emails", {"s.ivanov@example.ru"}}}), 409,
                            "duplicate-client");

            // Garbage phones, a missing name: precise 422s, nothing stored.
            for (const std::string garbage : {"abc", "12", "+7 916 123", "телефон", "8-800-ДЕНЬГИ"}) {
                INFO(garbage);
                auto bad = require_problem(api.post("/api/v1/crm/clients", {{"last_name", "Петров"}, {"phones", {"+7 903 765 43 21", garbage}}}),
                                           422, "invalid-phone");
                CHECK(bad["detail"].get<std::string>().find("phones[1]") != std::string::npos);
            }
            require_problem(api.post("/api/v1/crm/clients", {{"middle_name", "Петрович"}, {"phones", {"+7 903 765 43 21"}}}), 422,
                            "name-required");
            require_problem(api.post("/api/v1/crm/clients", {{"first_name", "Анна"}, {"emails", {"not-an-email"}}}), 422, "invalid-email");
            CHECK(crm.search("+7 903 765 43 21")["clients"].empty());  // nothing half-created
            CHECK(api.get("/api/v1/records/client").json()["items"].size() == 1);

            // A second client sharing the phone, on purpose.
            auto wife = crm.client({{"last_name", "Иванова"}, {"first_name", "Мария"}, {"phones", {"8 (916) 123-45-67"}},
                                    {"emails", {"maria@example.ru"}}, {"allow_duplicates", true}});

            // Search: a phone in any format finds both; e-mail, name and part of a phone.
            for (const auto& written : formats) CHECK(client_ids(crm.search(written)) == std::vector{id_of(ivanov), id_of(wife)});
            CHECK(client_ids(crm.search("S.IVANOV@example.ru")) == std::vector{id_of(ivanov)});
            CHECK(client_ids(crm.search("Иванова")) == std::vector{id_of(wife)});
            CHECK(client_ids(crm.search("Петрович")) == std::vector{id_of(ivanov)});
            CHECK(client_ids(crm.search("987-65")) == std::vector{id_of(ivanov)});
            require_problem(api.get("/api/v1/crm/search"), 422, "invalid-query");

            // Merge the wife's card into Ivanov's: her e-mail moves, the shared phone is
            // not doubled, her deal follows, her card is archived with merged_into.
            auto deal = api.post("/api/v1/crm/deals", {{"title", "Квартира"}, {"client", id_of(wife)}});
            REQUIRE(deal.status == 201);
            auto merged = api.post("/api/v1/crm/clients/" + std::to_string(id_of(ivanov)) + "/merge", {{"from", id_of(wife)}});
            INFO(merged.body);
            REQUIRE(merged.status == 200);
            CHECK(merged.json()["phones"].size() == 2);
            CHECK(merged.json()["emails"].size() == 2);
            auto gone = api.get("/api/v1/records/client/" + std::to_string(id_of(wife))).json();
            CHECK(gone["merged_into"] == id_of(ivanov));
            CHECK_FALSE(gone["archived_at"].is_null());
            CHECK(api.get("/api/v1/records/deal/" + std::to_string(id_of(deal.json()))).json()["client"] == id_of(ivanov));
            auto history = api.get("/api/v1/records/client/" + std::to_string(id_of(wife)) + "/history");
            CHECK(history.status == 200);
            CHECK(history.json()["items"].size() >= 2);  // created, then merged and archived
            require_problem(api.post("/api/v1/crm/clients/" + std::to_string(id_of(ivanov)) + "/merge", {{"from", id_of(wife)}}), 409,
                            "invalid-merge");
            require_problem(api.post("/api/v1/crm/clients/" + std::to_string(id_of(ivanov)) + "/merge", {{"from", id_of(ivanov)}}), 422,
                            "invalid-merge");
        }
    }
}

TEST_CASE("crm organizations: name or INN, INN checksums, search by INN") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            CrmServer crm(backend, CRM_PLUGIN_DIR);
            auto& api = crm.api();
            auto bad = require_problem(api.post("/api/v1/crm/organizations", {{"name", "ООО Ромашка"}, {"inn", "7707083894"}}), 422,
                                       "invalid-inn");
            CHECK(bad["detail"] == "the INN 7707083894 has a wrong check digit");
            require_problem(api.post("/api/v1/crm/organizations", {{"inn", "500100732258"}}), 422, "invalid-inn");
            require_problem(api.post("/api/v1/crm/organizations", {{"inn", "77070838"}}), 422, "invalid-inn");
            require_problem(api.post("/api/v1/crm/organizations", {{"kpp", "773601001"}}), 422, "name-or-inn-required");
            require_problem(api.post("/api/v1/crm/organizations", {{"name", "  "}}), 422, "name-or-inn-required");
            CHECK(api.get("/api/v1/records/organization").json()["items"].empty());

            auto only_inn = api.post("/api/v1/crm/organizations", {{"inn", "7736207543"}});
            REQUIRE(only_inn.status == 201);
            auto named = api.post("/api/v1/crm/organizations", {{"name", "ИП Петров"}, {"inn", "500100732259"}});
            REQUIRE(named.status == 201);
            REQUIRE(api.post("/api/v1/crm/organizations", {{"name", "Без ИНН"}}).status == 201);
            auto found = crm.search("7736207543")["organizations"];
            REQUIRE(found.size() == 1);
            CHECK(id_of(found[0]) == id_of(only_inn.json()));
            CHECK(crm.search("ИП Петров")["organizations"].size() == 1);
        }
    }
}

TEST_CASE("crm funnels and deals: default funnel, stage limit, moves within the company, states, deleting empty funnels") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            CrmServer crm(backend, CRM_PLUGIN_DIR, {{"stage_limit", 4}});
            auto& api = crm.api();
            CHECK(api.get("/api/v1/records/event_type?limit=100").json()["items"].size() == 17);
            CHECK(api.get("/api/v1/records/task_status").json()["items"].size() == 4);
            auto funnels = api.get("/api/v1/records/funnel").json()["items"];
            REQUIRE(funnels.size() == 1);
            CHECK(funnels[0]["key"] == "sales");
            CHECK(funnels[0]["is_default"] == true);
            CHECK(api.get("/api/v1/records/stage?filter[funnel]=" + std::to_string(id_of(funnels[0]))).json()["items"].size() == 3);
            CHECK(api.post("/api/v1/crm/setup", json::object()).json()["event_types_added"] == 0);  // idempotent

            auto ours = api.post("/api/v1/crm/organizations", {{"name", "Наша компания"}, {"is_own", true}}).json();
            auto theirs = api.post("/api/v1/crm/organizations", {{"name", "Другая компания"}, {"is_own", true}}).json();
            auto make_funnel = [&](const std::string& key, const json& company) {
                return api.post("/api/v1/crm/funnels", {{"key", key}, {"name", key}, {"company", company},
                                                        {"stages", {{{"key", "a"}, {"name", "A"}}, {{"key", "b"}, {"name", "B"}}}}});
            };
            auto rent = make_funnel("rent", id_of(ours));
            REQUIRE(rent.status == 201);
            auto resale = make_funnel("resale", id_of(ours));
            REQUIRE(resale.status == 201);
            auto foreign = make_funnel("foreign", id_of(theirs));
            REQUIRE(foreign.status == 201);
            require_problem(make_funnel("rent", id_of(ours)), 409, "duplicate-key");
            require_problem(make_funnel("Bad Key", id_of(ours)), 422, "invalid-key");

            // Stage limit 4 (configured): two more fit, the fifth is refused.
            const auto stages = "/api/v1/crm/funnels/" + std::to_string(id_of(rent.json())) + "/stages";
            CHECK(api.post(stages, {{"key", "c"}, {"name", "C"}}).status == 201);
            CHECK(api.post(stages, {{"key", "d"}, {"name", "D"}}).status == 201);
            require_problem(api.post(stages, {{"key", "e"}, {"name", "E"}}), 409, "stage-limit");
            require_problem(api.post("/api/v1/crm/funnels", {{"key", "big"}, {"name", "Big"},
                                                             {"stages", {{{"key", "s1"}, {"name", "1"}}, {{"key", "s2"}, {"name", "2"}},
                                                                         {{"key", "s3"}, {"name", "3"}}, {{"key", "s4"}, {"name", "4"}},
                                                                         {{"key", "s5"}, {"name", "5"}}}}}),
                            409, "stage-limit");

            // A deal without a funnel lands in the default funnel's first stage.
            auto plain = api.post("/api/v1/crm/deals", {{"title", "Офис"}, {"amount", {{"amount", 450000}, {"currency", "RUB"}}}});
            INFO(plain.body);
            REQUIRE(plain.status == 201);
            CHECK(plain.json()["pipeline"] == "sales");
            CHECK(plain.json()["stage"] == "new");
            CHECK(plain.json()["amount"]["amount"] == 450000);
            require_problem(api.post("/api/v1/crm/deals", {{"title", "X"}, {"pipeline", "rent"}, {"stage", "zzz"}}), 422, "unknown-stage");
            require_problem(api.post("/api/v1/crm/deals", {{"title", "X"}, {"pipeline", "nope"}}), 422, "unknown-funnel");

            auto deal = api.post("/api/v1/crm/deals", {{"title", "Аренда склада"}, {"pipeline", "rent"}, {"stage", "a"}}).json();
            const auto deal_path = "/api/v1/crm/deals/" + std::to_string(id_of(deal));
            CHECK(api.post(deal_path + "/move", {{"stage", "b"}}).json()["stage"] == "b");
            auto moved = api.post(deal_path + "/move", {{"pipeline", "resale"}, {"stage", "a"}});  // same company
            REQUIRE(moved.status == 200);
            CHECK(moved.json()["pipeline"] == "resale");
            auto other = require_problem(api.post(deal_path + "/move", {{"pipeline", "foreign"}, {"stage", "a"}}), 422, "other-company");
            CHECK(other["detail"].get<std::string>().find("own company") != std::string::npos);
            CHECK(api.get("/api/v1/records/deal/" + std::to_string(id_of(deal))).json()["pipeline"] == "resale");
            require_problem(api.post(deal_path + "/move", {{"stage", "nope"}}), 422, "unknown-stage");

            // States: won, no move while closed, restore, lost.
            CHECK(api.post(deal_path + "/state", {{"state", "won"}}).json()["state"] == "won");
            require_problem(api.post(deal_path + "/move", {{"stage", "b"}}), 409, "deal-closed");
            require_problem(api.post(deal_path + "/state", {{"state", "lost"}}), 409, "deal-closed");
            CHECK(api.post(deal_path + "/state", {{"state", "active"}}).json()["state"] == "active");
            CHECK(api.post(deal_path + "/state", {{"state", "lost"}}).json()["state"] == "lost");
            require_problem(api.post(deal_path + "/state", {{"state", "maybe"}}), 422, "invalid-input");

            // Deleting a funnel: refused while a deal is in it, fine when empty.
            require_problem(api.del("/api/v1/crm/funnels/" + std::to_string(id_of(resale.json()))), 409, "funnel-not-empty");
            CHECK(api.del("/api/v1/crm/funnels/" + std::to_string(id_of(rent.json()))).status == 200);
            CHECK(api.get("/api/v1/records/funnel").json()["items"].size() == 3);  // sales, resale, foreign
            require_problem(api.del("/api/v1/crm/funnels/999999"), 404);
        }
    }
}

TEST_CASE("crm tasks: no dependency cycles, recurrence never into the past, predecessors first") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            CrmServer crm(backend, CRM_PLUGIN_DIR);
            auto& api = crm.api();
            auto task = [&](json body) {
                auto r = api.post("/api/v1/crm/tasks", body);
                INFO(r.body);
                REQUIRE(r.status == 201);
                return id_of(r.json());
            };
            const auto a = task({{"name", "A"}}), b = task({{"name", "B"}, {"depends_on", {a}}}), c = task({{"name", "C"}});
            const auto deps = [&](std::int64_t id) { return "/api/v1/crm/tasks/" + std::to_string(id) + "/dependencies"; };

            auto self = require_problem(api.put(deps(a), {{"depends_on", {a}}}), 422, "dependency-cycle");
            CHECK(self["detail"].get<std::string>().find("#" + std::to_string(a) + " -> #" + std::to_string(a)) != std::string::npos);
            CHECK(api.put(deps(c), {{"depends_on", {b}}}).status == 200);  // c -> b -> a
            auto cycle = require_problem(api.put(deps(a), {{"depends_on", {c}}}), 422, "dependency-cycle");
            CHECK(cycle["detail"].get<std::string>().find("#" + std::to_string(a) + " -> #" + std::to_string(c) + " -> #" +
                                                          std::to_string(b) + " -> #" + std::to_string(a)) != std::string::npos);
            CHECK(api.get("/api/v1/records/task/" + std::to_string(a)).json()["depends_on"].empty());  // unchanged
            require_problem(api.put(deps(a), {{"depends_on", {"x"}}}), 422, "invalid-input");
            require_problem(api.post("/api/v1/crm/tasks", {{"name", "D"}, {"depends_on", {987654}}}), 404);

            // B cannot be completed before A.
            require_problem(api.post("/api/v1/crm/tasks/" + std::to_string(b) + "/complete", json::object()), 409, "predecessors-open");
            CHECK(api.post("/api/v1/crm/tasks/" + std::to_string(a) + "/complete", json::object()).status == 200);
            CHECK(api.post("/api/v1/crm/tasks/" + std::to_string(b) + "/complete", json::object()).status == 200);

            // Recurrence: bad rules are refused; a daily task overdue since 2001 makes ONE next task, after now.
            require_problem(api.post("/api/v1/crm/tasks", {{"name", "R"}, {"recurrence", "daily"}}), 422, "invalid-recurrence");
            require_problem(api.post("/api/v1/crm/tasks", {{"name", "R"}, {"recurrence", "daily"}, {"start_at", "2026-11-23T09:00:00Z"},
                                                           {"recurrence_until", "2026-11-01"}}),
                            422, "invalid-recurrence");
            const auto old = task({{"name", "Ежедневный отчёт"}, {"recurrence", "daily"}, {"start_at", "2001-01-01T09:00:00Z"},
                                   {"end_at", "2001-01-01T10:00:00Z"}});
            const auto before = api.get("/api/v1/records/task?limit=500").json()["items"].size();
            auto done = api.post("/api/v1/crm/tasks/" + std::to_string(old) + "/complete", json::object());
            INFO(done.body);
            REQUIRE(done.status == 200);
            const auto next = done.json()["next"];
            REQUIRE(next.is_object());
            CHECK(next["recurrence_of"] == old);
            CHECK(next["recurrence"] == "daily");
            const auto now = std::chrono::system_clock::now();
            const auto today = std::chrono::floor<std::chrono::days>(now);
            const std::chrono::year_month_day ymd{today};
            char today_text[16];
            std::snprintf(today_text, sizeof today_text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                          static_cast<unsigned>(ymd.day()));
            CHECK(next["start_at"].get<std::string>().substr(0, 10) >= std::string(today_text));
            CHECK(next["start_at"].get<std::string>().substr(10, 6) == "T09:00");
            CHECK(next["end_at"].get<std::string>().substr(10, 6) == "T10:00");
            CHECK(api.get("/api/v1/records/task?limit=500").json()["items"].size() == before + 1);
            CHECK(done.json()["task"]["completed_at"].is_string());
        }
    }
}

TEST_CASE("crm demo data: a Russian company, installed once, on both backends") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            CrmServer crm(backend, CRM_PLUGIN_DIR);
            for (int run = 0; run < 2; ++run) {
                auto outcomes = kernel::install_plugin_demo_data(crm.server->kernel());
                REQUIRE(outcomes.size() == 1);
                INFO(outcomes[0].error);
                CHECK(outcomes[0].error.empty());
            }
            auto& api = crm.api();
            CHECK(api.get("/api/v1/records/client").json()["items"].size() == 6);
            CHECK(api.get("/api/v1/records/organization").json()["items"].size() == 3);
            CHECK(api.get("/api/v1/records/deal").json()["items"].size() == 6);
            CHECK(api.get("/api/v1/records/funnel").json()["items"].size() == 2);
            CHECK(api.get("/api/v1/records/task").json()["items"].size() == 3);
            CHECK(api.get("/api/v1/records/event").json()["items"].size() == 4);
            CHECK(client_ids(crm.search("8 (916) 123-45-67")).size() == 1);
            CHECK(crm.search("7707083893")["organizations"].size() == 1);
        }
    }
}

TEST_CASE("crm events: a task made from an event copies its requisites") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            CrmServer crm(backend, CRM_PLUGIN_DIR);
            auto& api = crm.api();
            const json call_type = api.get("/api/v1/records/event_type?filter[is_call]=true").json()["items"][0]["id"];
            const auto client = id_of(crm.client({{"last_name", "Иванов"}, {"first_name", "Сергей"}}));
            auto event = api.post("/api/v1/records/event", {{"event_type", call_type}, {"subject", "Звонок Иванову"},
                                                             {"client", client}, {"content", "Перезвонить после 15:00"}});
            INFO(event.body);
            REQUIRE(event.status == 201);
            const auto event_id = id_of(event.json());
            auto task = api.post("/api/v1/crm/events/" + std::to_string(event_id) + "/task", {{"end_at", "2026-12-01T12:00:00Z"}});
            INFO(task.body);
            REQUIRE(task.status == 201);
            const auto t = task.json();
            CHECK(t["name"] == "Звонок Иванову");
            CHECK(t["content"] == "Перезвонить после 15:00");
            CHECK(t["client"] == client);
            CHECK(t["event"] == event_id);
            CHECK(t["executors"] == json::array({crm.server->admin_id()}));
            CHECK(t["end_at"].get<std::string>().rfind("2026-12-01T12:00:00", 0) == 0);
            require_problem(api.post("/api/v1/crm/events/999999/task", json::object()), 404);
        }
    }
}
