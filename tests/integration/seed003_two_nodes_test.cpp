// SPDX-License-Identifier: Apache-2.0
// Seed 003's reference automation (tests/fixtures/seed003) on two `orbita serve` nodes
// sharing one PostgreSQL database and one manual clock: people work through both
// nodes, both nodes' job workers race for the robots and triggers, and every robot and
// trigger acts exactly once per stage entry.
#include "app/kernel.hpp"
#include "jobs/job_runner.hpp"
#include "storage/database.hpp"
#include "support/automation_helpers.hpp"
#include "support/process_helpers.hpp"
#include "support/records_helpers.hpp"
#include "support/seed003_fixture.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <thread>

using nlohmann::json;
using namespace orbita;
using namespace orbita::test;
using kernel::storage::SqlFragment;

namespace {

constexpr int kLeads = 24;

std::int64_t count(TestServer& s, const std::string& sql) {
    return s.kernel().database().read([&](kernel::storage::Connection& c) { return *c.query_int(SqlFragment(sql)); });
}

// Waits (at most a minute) until `sql` counts `expected`; answers the last count.
std::int64_t await_count(TestServer& s, const std::string& sql, std::int64_t expected) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    auto n = count(s, sql);
    while (n < expected && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        n = count(s, sql);
    }
    return n;
}

}  // namespace

TEST_CASE("seed 003 automation on two nodes over one PostgreSQL database: every robot runs exactly once") {
    const auto backends = test_backends();
    if (std::find(backends.begin(), backends.end(), "postgresql") == backends.end()) {
        WARN("PostgreSQL is not configured (ORBITA_TEST_PG_URL); the two-node test needs it");
        return;
    }
    const json config = {{"jobs", {{"workers", 2}, {"poll_interval_ms", 20}, {"batch_size", 1}}}};
    auto clock = std::make_shared<kernel::ManualClock>(*kernel::parse_iso_datetime("2025-06-02T07:00:00Z"));
    TestServer a("postgresql", config, clock);
    const auto people = create_seed003_people(a);
    install_seed003(a, std::filesystem::path(ORBITA_FIXTURES_DIR) / "seed003");
    TempDir dir_b;
    std::filesystem::copy(a.data_dir() / "types", dir_b.path() / "types", std::filesystem::copy_options::recursive);
    kernel::Kernel b(test_config(dir_b.path(), a.database_url(), config), clock);
    b.open();
    b.start_http();
    std::vector<HttpClient> nodes = {a.client(), HttpClient(b.http_port(), a.admin_token())};

    std::vector<std::int64_t> leads;
    for (int i = 0; i < kLeads; ++i) {
        leads.push_back(create_record(nodes[i % 2], "lead",
                                      {{"title", "Клиент " + std::to_string(i)}, {"owner", people.at("manager")}, {"source", "web"},
                                       {"received_at", kernel::format_utc(clock->now())}})["id"]
                            .get<std::int64_t>());
    }
    CHECK(await_count(a, "SELECT COUNT(*) FROM task", kLeads) == kLeads);
    for (int i = 0; i < kLeads; ++i) REQUIRE(move(nodes[(i + 1) % 2], "lead", leads[i], "target").status == 200);
    CHECK(await_count(a, "SELECT COUNT(*) FROM cp_task", kLeads) == kLeads);
    clock->set(*kernel::parse_iso_datetime("2025-06-03T08:00:00Z"));
    for (const auto& task : list_all(nodes[0], "cp_task", {{"sort", "id"}})) {
        const auto id = task["id"].get<std::int64_t>();
        auto r = nodes[id % 2].patch("/api/v1/records/cp_task/" + std::to_string(id), {{"status", "done"}}, {{"If-Match", "*"}});
        REQUIRE(r.status == 200);
    }
    const std::string in_feedback =
        "SELECT COUNT(*) FROM stage_entries e JOIN stages s ON s.id = e.stage_id WHERE s.key = 'feedback'";
    CHECK(await_count(a, in_feedback, kLeads) == kLeads);
    clock->set(*kernel::parse_iso_datetime("2025-06-13T08:00:00Z"));
    CHECK(await_count(a, "SELECT COUNT(*) FROM notifications", kLeads) == kLeads);
    clock->set(*kernel::parse_iso_datetime("2025-06-23T08:00:00Z"));
    CHECK(await_count(a, "SELECT COUNT(*) FROM notifications", 2 * kLeads) == 2 * kLeads);
    // Give a duplicate the chance to show up before the counts are final.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    b.stop();

    CHECK(count(a, "SELECT COUNT(*) FROM task") == kLeads);
    CHECK(count(a, "SELECT COUNT(*) FROM deal") == kLeads);
    CHECK(count(a, "SELECT COUNT(*) FROM cp_task") == kLeads);
    CHECK(count(a, "SELECT COUNT(*) FROM notifications") == 2 * kLeads);
    CHECK(count(a, "SELECT COUNT(DISTINCT recipient_id) FROM notifications") == 2);
    CHECK(count(a, in_feedback) == kLeads);
    // Call 1, deal from lead, CP task, 10- and 20-day reminders: five robots per lead.
    CHECK(count(a, "SELECT COUNT(*) FROM robot_runs WHERE state = 'done'") == 5 * kLeads);
    CHECK(count(a, "SELECT COUNT(*) FROM robot_runs WHERE state <> 'done'") == 0);
    CHECK(count(a, "SELECT COUNT(*) FROM trigger_runs WHERE result = 'moved'") == kLeads);
    CHECK(count(a, "SELECT COUNT(*) FROM trigger_runs WHERE result <> 'moved'") == 0);
    CHECK(count(a, "SELECT COUNT(*) FROM jobs WHERE state NOT IN ('done')") == 0);
    const auto by_a = a.kernel().job_runner().runs(), by_b = b.job_runner().runs();
    INFO("node a ran " << by_a << " jobs, node b " << by_b);
    CHECK(by_a > 0);
    CHECK(by_b > 0);
}
