// SPDX-License-Identifier: Apache-2.0
// Robot throughput: N records enter a stage that has three robots (set a field; create a
// notice record, as a notify action would; a Lua condition and an update). Measures the
// wall time from the first move until every robot run has committed. Used by
// scripts/bench-robots.sh; prints one JSON line per run.
#include "app/kernel.hpp"
#include "records/record_repository.hpp"
#include "storage/database.hpp"
#include "support/automation_helpers.hpp"
#include "support/http_client.hpp"
#include "support/test_server.hpp"

#include <spdlog/spdlog.h>

#include <sys/resource.h>

#include <iostream>
#include <thread>

using namespace orbita;
using nlohmann::json;

namespace {

json notice_type() {
    auto label = [](const char* t) { return json{{"ru", t}, {"en", t}}; };
    return {{"name", "notice"},
            {"label", label("Notice")},
            {"fields", {{{"name", "user"}, {"type", "user"}, {"label", label("User")}},
                        {{"name", "text"}, {"type", "string"}, {"label", label("Text")}}}}};
}

// The test helpers assert with Catch, which needs a running test; this is a plain program.
json post(test::HttpClient& http, const std::string& path, const json& body) {
    auto r = http.post(path, body);
    if (r.status != 201) throw std::runtime_error(path + " answered " + std::to_string(r.status) + ": " + r.body);
    return r.json();
}

// CPU seconds this process used so far (all threads): what the wall time is made of on a
// busy machine.
double cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

std::int64_t count(kernel::Kernel& k, const char* sql) {
    return *k.database().read([&](kernel::storage::Connection& c) { return c.query_int(kernel::storage::SqlFragment(sql)); });
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: robots_bench sqlite|postgresql RECORDS WORKERS\n";
        return 2;
    }
    spdlog::set_level(spdlog::level::err);
    const std::string backend = argv[1];
    const int records = std::stoi(argv[2]), workers = std::stoi(argv[3]);
    test::TestServer server(backend, {{"jobs", {{"workers", workers}, {"poll_interval_ms", 10}}}, {"log", {{"level", "error"}}}});
    auto& k = server.kernel();
    server.add_type(test::deal_type());
    server.add_type(notice_type());
    auto http = server.client();
    const auto sales = post(http, "/api/v1/admin/pipelines",
                            {{"type", "deal"}, {"key", "sales"}, {"name", "Sales"},
                             {"stages", {{{"key", "new"}, {"name", "New"}}, {{"key", "qualified"}, {"name", "Qualified"}}}}});
    const auto stage = sales["stages"][1]["id"].get<std::int64_t>();
    const std::string robots = "/api/v1/admin/robots";
    post(http, robots, {{"stage_id", stage}, {"name", "score"}, {"action", "set_field"}, {"params", {{"fields", {{"score", 1}}}}}});
    post(http, robots, {{"stage_id", stage}, {"name", "notice"}, {"action", "create_record"},
                        {"params", {{"type", "notice"}, {"fields", {{"user", "{{actor.id}}"}, {"text", "{{record.title}} is qualified"}}}}}});
    post(http, robots, {{"stage_id", stage}, {"name", "paid"}, {"action", "set_field"}, {"params", {{"fields", {{"paid", true}}}}},
                        {"condition", {{"lua", "record.title ~= '' and (record.score or 0) >= 0"}}}});

    const auto actor = kernel::Actor::system_actor("bench");
    std::vector<std::int64_t> ids;
    for (int done = 0; done < records;) {
        k.database().write([&](kernel::storage::Transaction&) {
            for (int i = 0; i < 1000 && done < records; ++i, ++done)
                ids.push_back(k.records().create(actor, "deal", {{"title", "Deal " + std::to_string(done)}})["id"].get<std::int64_t>());
        });
    }

    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = cpu_seconds();
    for (std::size_t i = 0; i < ids.size();) {
        k.database().write([&](kernel::storage::Transaction&) {
            for (int n = 0; n < 100 && i < ids.size(); ++n, ++i) k.records().update(actor, "deal", ids[i], {{"stage", "qualified"}}, std::nullopt, true);
        });
    }
    const double moved = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    // Robot jobs finish in the transaction of their runs; the jobs index answers cheaply.
    while (count(k, "SELECT COUNT(*) FROM jobs WHERE state IN ('pending', 'running') AND kind = 'automation.robots'") > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto done = count(k, "SELECT COUNT(*) FROM robot_runs WHERE state = 'done'");
    const auto notices = count(k, "SELECT COUNT(*) FROM notice");
    std::cout << json({{"backend", backend}, {"records", records}, {"robots", 3}, {"workers", workers}, {"move_seconds", moved},
                       {"seconds", seconds}, {"cpu_seconds", cpu_seconds() - cpu_start}, {"runs_done", done}, {"notices", notices}, {"runs_per_second", done / seconds}})
                     .dump()
              << std::endl;
    return done == 3 * records && notices == records ? 0 : 1;
}
