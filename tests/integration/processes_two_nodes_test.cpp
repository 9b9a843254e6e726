// SPDX-License-Identifier: Apache-2.0
// Two `orbita serve` nodes on one PostgreSQL database run durable processes together:
// every step takes effect exactly once, even when each first step is scheduled twice
// (a duplicate wake-up, as after a lost lease) and both nodes race for it.
#include "acl/profile_cache.hpp"
#include "jobs/job_queue.hpp"
#include "jobs/job_runner.hpp"
#include "processes/process_engine.hpp"
#include "processes/processes_module.hpp"
#include "storage/database.hpp"
#include "support/process_helpers.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <thread>

using namespace orbita;
using namespace orbita::test;
using kernel::storage::SqlFragment;

namespace {

const char* kThreeSteps = R"(
return {
  start = function(p)
    orbita.notify("admin", p.instance .. ":start")
    -- Long enough for the duplicate job to start on the other node meanwhile.
    local t = os.clock()
    while os.clock() - t < 0.02 do end
    return p.go("second")
  end,
  second = function(p)
    orbita.notify("admin", p.instance .. ":second")
    return p.wait(0.3, "third")
  end,
  third = function(p)
    orbita.notify("admin", p.instance .. ":third")
  end,
}
)";

}  // namespace

TEST_CASE("two nodes on one PostgreSQL database run every process step exactly once") {
    const auto backends = test_backends();
    if (std::find(backends.begin(), backends.end(), "postgresql") == backends.end()) {
        WARN("PostgreSQL is not configured (ORBITA_TEST_PG_URL); the two-node test needs it");
        return;
    }
    const nlohmann::json config = {{"jobs", {{"workers", 2}, {"poll_interval_ms", 20}, {"batch_size", 1}}}};
    TestServer a("postgresql", config);
    TempDir dir_b;
    kernel::Kernel b(test_config(dir_b.path(), a.database_url(), config));
    b.open();
    b.start_http();
    create_process(a, "three_steps", kThreeSteps);

    constexpr int kInstances = 200;
    auto& engine = a.kernel().processes().engine();
    a.kernel().database().write([&](kernel::storage::Transaction& tx) {
        const kernel::Actor as{a.admin_id(), "admin", false, a.kernel().profiles().get(a.admin_id())};
        for (int i = 0; i < kInstances; ++i) {
            const auto instance = engine.start(tx, {"three_steps", std::nullopt, nlohmann::json::object(), as, "test"});
            // A second job for the same first step, racing the real one on the other node.
            a.kernel().jobs().schedule(tx, {"process.step", {{"instance", instance.id}, {"seq", 1}}, std::nullopt,
                                            "duplicate:" + std::to_string(instance.id)});
        }
    });

    auto count = [&](const std::string& sql) {
        return a.kernel().database().read([&](kernel::storage::Connection& c) { return *c.query_int(SqlFragment(sql)); });
    };
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(180);
    while (count("SELECT COUNT(*) FROM process_instances WHERE status = 'completed'") < kInstances &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    b.stop();

    CHECK(count("SELECT COUNT(*) FROM process_instances WHERE status = 'completed'") == kInstances);
    CHECK(count("SELECT COUNT(*) FROM notifications") == 3 * kInstances);
    CHECK(count("SELECT COUNT(DISTINCT body) FROM notifications") == 3 * kInstances);
    // Per instance: started, go, wait_until, finish; nothing failed.
    CHECK(count("SELECT COUNT(*) FROM process_steps") == 4 * kInstances);
    CHECK(count("SELECT COUNT(*) FROM process_steps WHERE outcome = 'failed'") == 0);
    CHECK(count("SELECT COUNT(*) FROM jobs WHERE kind = 'process.step' AND state <> 'done'") == 0);
    // Both nodes did work (the only jobs here are process steps, duplicates included).
    const auto by_a = a.kernel().job_runner().runs(), by_b = b.job_runner().runs();
    INFO("node a ran " << by_a << " step jobs, node b " << by_b);
    CHECK(by_a > 0);
    CHECK(by_b > 0);
    CHECK(static_cast<std::int64_t>(by_a + by_b) == count("SELECT COUNT(*) FROM jobs WHERE kind = 'process.step'"));
}
