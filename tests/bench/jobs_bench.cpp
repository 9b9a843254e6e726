// SPDX-License-Identifier: Apache-2.0
// Job claimer throughput: N due no-op jobs, W workers, time until all are done.
// Used by scripts/bench-jobs.sh; prints one JSON line per run.
#include "app/kernel.hpp"
#include "jobs/job_handler_registry.hpp"
#include "jobs/job_queue.hpp"
#include "jobs/job_runner.hpp"
#include "storage/database.hpp"
#include "support/test_server.hpp"

#include <spdlog/spdlog.h>

#include <iostream>
#include <thread>

using namespace orbita;

int main(int argc, char** argv) {
    if (argc < 5) {
        std::cerr << "usage: jobs_bench sqlite|postgresql JOBS WORKERS BATCH\n";
        return 2;
    }
    spdlog::set_level(spdlog::level::err);  // the kernel logs its start-up at info
    const std::string backend = argv[1];
    const int jobs = std::stoi(argv[2]), workers = std::stoi(argv[3]), batch = std::stoi(argv[4]);
    test::TempDir dir;
    test::TestDatabase db(backend, dir.path());
    const nlohmann::json overrides = {{"jobs", {{"workers", workers}, {"batch_size", batch}, {"poll_interval_ms", 10}}},
                                      {"log", {{"level", "error"}}}};
    kernel::Kernel k(test::test_config(dir.path(), db.url(), overrides));
    k.open();
    // Transactional, like a robot's effect: each job commits together with its completion.
    k.job_handlers().add("bench.noop", {.run = [](kernel::jobs::JobContext&) {}});
    for (int done = 0; done < jobs;) {
        k.database().write([&](kernel::storage::Transaction& tx) {
            for (int i = 0; i < 1000 && done < jobs; ++i, ++done) k.jobs().schedule(tx, {"bench.noop", {{"i", done}}});
        });
    }
    auto remaining = [&] {
        return *k.database().read([](kernel::storage::Connection& c) {
            return c.query_int(kernel::storage::SqlFragment("SELECT COUNT(*) FROM jobs WHERE kind = 'bench.noop' AND state <> 'done'"));
        });
    };
    const auto start = std::chrono::steady_clock::now();
    k.job_runner().start();
    while (remaining() > 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    k.stop();
    std::cout << nlohmann::json({{"backend", backend}, {"jobs", jobs}, {"workers", workers}, {"batch", batch},
                                 {"seconds", seconds}, {"jobs_per_second", jobs / seconds}})
                     .dump()
              << std::endl;
    return 0;
}
