// SPDX-License-Identifier: Apache-2.0
// Durable process costs: step throughput (each step a Lua run committing with its next
// state and wake-up job) and what the event subscriber adds to a record update while
// many instances wait for events on other records. Prints one JSON line.
//
//   process_bench sqlite|postgresql INSTANCES WORKERS WAITING UPDATES
#include "acl/access_admin.hpp"
#include "app/kernel.hpp"
#include "jobs/job_runner.hpp"
#include "processes/process_engine.hpp"
#include "processes/processes_module.hpp"
#include "records/record_repository.hpp"
#include "scripts/script_service.hpp"
#include "storage/database.hpp"
#include "support/test_server.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <iostream>
#include <thread>

using namespace orbita;

namespace {

const char* kSteps = R"(return {
  start = function(p) p.vars.n = 1 return p.go("second") end,
  second = function(p) p.vars.n = p.vars.n + 1 return p.go("third") end,
  third = function(p) orbita.notify("admin", "done " .. p.instance) end,
})";

const char* kWaiter = R"(return {
  start = function(p) return p.wait_for("record.updated", {type = "department", id = p.vars.id}, {next = "start"}) end,
})";

std::int64_t count(kernel::Kernel& k, const std::string& sql) {
    return *k.database().read([&](kernel::storage::Connection& c) { return c.query_int(kernel::storage::SqlFragment(sql)); });
}

void start_many(kernel::Kernel& k, const std::string& process, int n, const kernel::Actor& as, bool with_id) {
    for (int done = 0; done < n;) {
        k.database().write([&](kernel::storage::Transaction& tx) {
            for (int i = 0; i < 500 && done < n; ++i, ++done) {
                const nlohmann::json vars = with_id ? nlohmann::json{{"id", 1000000 + done}} : nlohmann::json::object();
                k.processes().engine().start(tx, {process, std::nullopt, vars, as, "bench"});
            }
        });
    }
}

// Microseconds of a rename of one department: the median of `updates` renames, the
// lowest of three rounds (the machine is shared; the rounds filter out its noise).
double median_update_us(kernel::Kernel& k, const kernel::Actor& as, std::int64_t id, int updates) {
    double best = 1e18;
    for (int round = 0; round < 3; ++round) {
        std::vector<double> us;
        for (int i = 0; i < updates; ++i) {
            const auto t0 = std::chrono::steady_clock::now();
            k.records().update(as, "department", id, {{"name", "Dept " + std::to_string(i)}}, std::nullopt, true);
            us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
        }
        std::sort(us.begin(), us.end());
        best = std::min(best, us[us.size() / 2]);
    }
    return best;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 6) {
        std::cerr << "usage: process_bench sqlite|postgresql INSTANCES WORKERS WAITING UPDATES\n";
        return 2;
    }
    spdlog::set_level(spdlog::level::err);
    const std::string backend = argv[1];
    const int instances = std::stoi(argv[2]), workers = std::stoi(argv[3]), waiting = std::stoi(argv[4]),
              updates = std::stoi(argv[5]);
    test::TempDir dir;
    test::TestDatabase db(backend, dir.path());
    const nlohmann::json overrides = {{"jobs", {{"workers", workers}, {"batch_size", 32}, {"poll_interval_ms", 10}}},
                                      {"log", {{"level", "error"}}}};
    kernel::Kernel k(test::test_config(dir.path(), db.url(), overrides));
    k.open();
    k.access_admin().create_user(kernel::Actor::system_actor("bench"),
                                                       {{"login", "admin"}, {"full_name", "Admin"}, {"password", "bench-password-1"},
                                                        {"roles", {"administrator"}}});
    const auto admin = k.scripts().actor_for("admin");
    k.scripts().create(admin, {{"name", "three_steps"}, {"kind", "process"}, {"source", kSteps}});
    k.scripts().create(admin, {{"name", "waiter"}, {"kind", "process"}, {"source", kWaiter}});
    const auto department = k.records().create(admin, "department", {{"name", "Dept"}})["id"].get<std::int64_t>();

    const double before = median_update_us(k, admin, department, updates);
    start_many(k, "waiter", waiting, admin, true);
    k.job_runner().run_due();
    const double with_waiting = median_update_us(k, admin, department, updates);

    start_many(k, "three_steps", instances, admin, false);
    const auto t0 = std::chrono::steady_clock::now();
    k.job_runner().start();
    while (count(k, "SELECT COUNT(*) FROM process_instances WHERE process = 'three_steps' AND status <> 'completed'") > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    k.stop();
    std::cout << nlohmann::json({{"backend", backend}, {"instances", instances}, {"workers", workers},
                                 {"steps_per_second", 3 * instances / seconds},
                                 {"update_us_median", before}, {"waiting", waiting},
                                 {"update_us_median_with_waiting", with_waiting}})
                     .dump()
              << std::endl;
    return 0;
}
