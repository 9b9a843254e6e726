// SPDX-License-Identifier: Apache-2.0
// Two `orbita serve` nodes on one PostgreSQL database share the job queue through
// FOR UPDATE SKIP LOCKED: every job runs exactly once, and both nodes do work.
#include "jobs/job_handler_registry.hpp"
#include "jobs/job_queue.hpp"
#include "jobs/job_runner.hpp"
#include "storage/database.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <thread>

using namespace orbita;
using namespace orbita::test;
using kernel::storage::SqlFragment;

namespace {

// Each run writes its job id in the job's own transaction; the primary key would make
// a second run of the same job fail (and the job retry), which the checks below see.
void add_recording_handler(kernel::Kernel& k, const std::string& node) {
    k.job_handlers().add("test.shared", {.run = [node](kernel::jobs::JobContext& ctx) {
                                             ctx.tx->conn().exec(SqlFragment("INSERT INTO two_node_runs (job_id, node) VALUES (")
                                                                     .bind(ctx.job.id)
                                                                     .sql(", ")
                                                                     .bind(node)
                                                                     .sql(")"));
                                         }});
}

}  // namespace

TEST_CASE("two nodes on one PostgreSQL database run every job exactly once") {
    const auto backends = test_backends();
    if (std::find(backends.begin(), backends.end(), "postgresql") == backends.end()) {
        WARN("PostgreSQL is not configured (ORBITA_TEST_PG_URL); the two-node test needs it");
        return;
    }
    const nlohmann::json config = {{"jobs", {{"workers", 2}, {"poll_interval_ms", 20}, {"batch_size", 8}}}};
    TestServer a("postgresql", config);
    TempDir dir_b;
    kernel::Kernel b(test_config(dir_b.path(), a.database_url(), config));
    b.open();
    a.kernel().database().write([](kernel::storage::Transaction& tx) {
        tx.conn().exec_raw("CREATE TABLE two_node_runs (job_id BIGINT PRIMARY KEY, node TEXT NOT NULL)");
    });
    add_recording_handler(a.kernel(), "a");
    add_recording_handler(b, "b");
    b.start_http();
    CHECK(a.kernel().job_runner().node_id() != b.job_runner().node_id());

    constexpr int kJobs = 3000;
    a.kernel().database().write([&](kernel::storage::Transaction& tx) {
        for (int i = 0; i < kJobs; ++i) a.kernel().jobs().schedule(tx, {"test.shared", {{"i", i}}});
    });

    auto count = [&](const std::string& sql) {
        return a.kernel().database().read([&](kernel::storage::Connection& c) { return *c.query_int(SqlFragment(sql)); });
    };
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (count("SELECT COUNT(*) FROM jobs WHERE kind = 'test.shared' AND state = 'done'") < kJobs &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    b.stop();

    CHECK(count("SELECT COUNT(*) FROM jobs WHERE kind = 'test.shared' AND state = 'done'") == kJobs);
    CHECK(count("SELECT COUNT(*) FROM two_node_runs") == kJobs);
    // Claimed once each: a second claim would have counted a second attempt.
    CHECK(count("SELECT COUNT(*) FROM jobs WHERE kind = 'test.shared' AND attempts <> 1") == 0);
    const auto by_a = count("SELECT COUNT(*) FROM two_node_runs WHERE node = 'a'");
    const auto by_b = count("SELECT COUNT(*) FROM two_node_runs WHERE node = 'b'");
    INFO("node a ran " << by_a << ", node b ran " << by_b);
    CHECK(by_a > 0);
    CHECK(by_b > 0);
}
