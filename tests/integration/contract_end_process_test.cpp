// SPDX-License-Identifier: Apache-2.0
// Seed 003 §6.5 / §13 scenarios 38-40: the contract-end tracking process
// (tests/fixtures/processes/contract_end_tracking.lua) on both backends, driven by a
// manual clock. Renewal deals and the manager's notifications appear exactly at the
// start of the working day 14 or 30 days (the constants) before the contract end;
// a changed end date recomputes the pause; a restart in the middle loses nothing.
#include "jobs/job_runner.hpp"
#include "support/automation_helpers.hpp"
#include "support/process_helpers.hpp"
#include "support/records_helpers.hpp"
#include "support/seed003_fixture.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using nlohmann::json;
using namespace orbita::test;
using orbita::kernel::ManualClock;

namespace {

std::string fixture(const std::string& name) {
    return read_text_file(std::filesystem::path(ORBITA_FIXTURES_DIR) / "processes" / name);
}

// The deal type as a declaration under <data_dir>/types, so it survives restarts.
void install_deal_type(TestServer& s) { install_type(s, json::parse(fixture("deal.entity.json"))); }

// What the process did so far: "<time> <text>" per renewal deal and per notification.
std::vector<std::string> effects(TestServer& s, std::int64_t manager) {
    std::vector<std::string> out;
    auto http = s.client();
    for (const auto& deal : list_all(http, "deal", {{"sort", "id"}})) {
        if (!deal["renewal_of"].is_null())
            out.push_back(deal["created_at"].get<std::string>() + " deal " + deal["title"].get<std::string>());
    }
    for (const auto& n : notifications_of(s, manager))
        out.push_back(n["created_at"].get<std::string>() + " notify " + n["body"].get<std::string>());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("seed 003 contract-end tracking creates renewal deals 14 or 30 days before the end, on working days") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            auto clock = std::make_shared<ManualClock>(*orbita::kernel::parse_iso_datetime("2025-03-03T07:00:00Z"));
            TestServer s(backend, manual_jobs_config(), clock);
            install_deal_type(s);
            const auto manager = s.create_user("manager", {});
            auto http = s.client();
            create_process(s, "contract_end_tracking", fixture("contract_end_tracking.lua"));
            auto deal = [&](const std::string& title, const std::string& from, const std::string& to) {
                return create_record(http, "deal", {{"title", title}, {"owner", manager}, {"contract_date", from}, {"contract_end", to}})["id"]
                    .get<std::int64_t>();
            };
            auto track = [&](std::int64_t id) {
                return start_process(s, "contract_end_tracking", {{"record", {{"type", "deal"}, {"id", id}}}})["id"].get<std::int64_t>();
            };
            // 4 months: LessReminderPeriod (14) days before 1 May = Thursday 17 April.
            const auto a = deal("Альфа", "2025-01-01", "2025-05-01");
            // 12 months: LargeReminderPeriod (30) days before 1 January 2026 = Tuesday 2 December.
            const auto b = deal("Бета", "2025-01-01", "2026-01-01");
            // 3 months: 14 days before 23 May = Friday 9 May, a holiday: Monday 12 May.
            const auto d = deal("Дельта", "2025-02-23", "2025-05-23");
            const auto pa = track(a), pb = track(b), pd = track(d);
            CHECK(s.kernel().job_runner().run_due() == 3);
            CHECK(process_instance(s, pa)["vars"]["renew_at"] == "2025-04-17T06:00:00.000Z");
            CHECK(process_instance(s, pa)["vars"]["lead_days"] == 14);
            CHECK(process_instance(s, pb)["vars"]["renew_at"] == "2025-12-02T06:00:00.000Z");
            CHECK(process_instance(s, pb)["vars"]["lead_days"] == 30);
            CHECK(process_instance(s, pd)["vars"]["renew_at"] == "2025-05-12T06:00:00.000Z");

            // The constants drive the periods: a shorter LessReminderPeriod for a later contract.
            REQUIRE(http.put("/api/v1/constants/LessReminderPeriod", json{{"value", 10}}).status == 200);
            const auto e = deal("Эпсилон", "2025-02-01", "2025-06-01");  // 10 days before 1 June: Thursday 22 May
            const auto pe = track(e);
            CHECK(s.kernel().job_runner().run_due() == 1);
            CHECK(process_instance(s, pe)["vars"]["renew_at"] == "2025-05-22T06:00:00.000Z");

            // Scenario 39: the manager moves A's end to 1 July before the renewal date: no
            // deal on 17 April, the pause is recomputed (6 months now: 30 days, Sunday
            // 1 June, so Monday 2 June).
            clock->set(*orbita::kernel::parse_iso_datetime("2025-04-01T08:00:00Z"));
            REQUIRE(http.patch("/api/v1/records/deal/" + std::to_string(a), {{"contract_end", "2025-07-01"}},
                               {{"If-Match", "*"}}).status == 200);
            CHECK(s.kernel().job_runner().run_due() == 2);  // deal_changed, then start again
            CHECK(process_instance(s, pa)["vars"]["renew_at"] == "2025-06-02T06:00:00.000Z");
            CHECK(process_instance(s, pa)["vars"]["recomputed"] == 1);
            // A change of another field keeps the pause as it was.
            REQUIRE(http.patch("/api/v1/records/deal/" + std::to_string(b), {{"title", "Бета-сервис"}}, {{"If-Match", "*"}}).status == 200);
            CHECK(s.kernel().job_runner().run_due() == 1);
            CHECK(process_instance(s, pb)["waiting"]["until"] == "2025-12-02T06:00:00.000Z");

            CHECK(run_at(s, *clock, "2025-04-17T06:00:00Z") == 0);
            CHECK(effects(s, manager).empty());

            // The server stops in the middle and starts again: the timers still fire once, on time.
            s.restart();
            http = s.client();
            CHECK(run_at(s, *clock, "2025-05-12T05:59:59Z") == 0);
            CHECK(run_at(s, *clock, "2025-05-12T06:00:00Z") == 1);
            CHECK(run_at(s, *clock, "2025-05-22T06:00:00Z") == 1);
            CHECK(run_at(s, *clock, "2025-06-02T06:00:00Z") == 1);
            s.restart();
            http = s.client();
            CHECK(run_at(s, *clock, "2025-12-02T06:00:00Z") == 1);
            CHECK(run_at(s, *clock, "2026-06-01T06:00:00Z") == 0);

            const std::vector<std::string> expected = {
                "2025-05-12T06:00:00.000Z deal Продление: Дельта",
                "2025-05-12T06:00:00.000Z notify Договор «Дельта» заканчивается 23 мая 2025: создана сделка на продление",
                "2025-05-22T06:00:00.000Z deal Продление: Эпсилон",
                "2025-05-22T06:00:00.000Z notify Договор «Эпсилон» заканчивается 1 июня 2025: создана сделка на продление",
                "2025-06-02T06:00:00.000Z deal Продление: Альфа",
                "2025-06-02T06:00:00.000Z notify Договор «Альфа» заканчивается 1 июля 2025: создана сделка на продление",
                "2025-12-02T06:00:00.000Z deal Продление: Бета-сервис",
                "2025-12-02T06:00:00.000Z notify Договор «Бета-сервис» заканчивается 1 января 2026: создана сделка на продление",
            };
            CHECK(effects(s, manager) == expected);
            for (auto id : {pa, pb, pd, pe}) {
                const auto done = process_instance(s, id);
                CHECK(done["status"] == "completed");
                // Scenario 40: the renewal is a new pipeline-1 deal pointing at the old one.
                const auto renewal = http.get("/api/v1/records/deal/" + std::to_string(done["vars"]["renewal"].get<std::int64_t>())).json();
                CHECK(renewal["pipeline"] == "contract");
                CHECK(renewal["renewal_of"] == done["vars"]["deal"]);
                CHECK(renewal["owner"] == manager);
                const auto note = notifications_of(s, manager);
                CHECK(std::any_of(note.begin(), note.end(), [&](const json& n) { return n["link"]["id"] == renewal["id"]; }));
            }
        }
    }
}
