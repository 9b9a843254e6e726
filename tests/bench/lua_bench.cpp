// SPDX-License-Identifier: Apache-2.0
// Overhead of a no-op Lua run (issue 5: median under 50 us), run by scripts/bench-lua.sh.
//
// Opens a kernel on a fresh SQLite database (no HTTP), then times N runs of a script
// that does nothing, each a full LuaRuntime::run: pooled sandbox, fresh globals, budget
// hook, memory cap, its own write transaction. For comparison it also times an empty
// write transaction alone, the floor any run pays.
#include "app/kernel.hpp"
#include "config/config.hpp"
#include "lua/lua_runtime.hpp"
#include "storage/database.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

using namespace orbita;
using Clock = std::chrono::steady_clock;

namespace {

struct Stats {
    double median_us, p90_us, p99_us;
};

template <class F>
Stats measure(int n, F&& body) {
    std::vector<double> us;
    us.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        const auto t0 = Clock::now();
        body();
        us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    }
    std::sort(us.begin(), us.end());
    auto at = [&](double q) { return us[static_cast<std::size_t>(q * (us.size() - 1))]; };
    return {at(0.5), at(0.9), at(0.99)};
}

void print(const char* name, const Stats& s) {
    std::printf("%-34s median %7.1f us   p90 %7.1f us   p99 %7.1f us\n", name, s.median_us, s.p90_us, s.p99_us);
}

}  // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 20000;
    char dir_template[] = "/tmp/orbita-lua-bench-XXXXXX";
    const std::filesystem::path dir = mkdtemp(dir_template);
    const std::string db_url = "sqlite://" + (dir / "bench.db").string();
    std::ofstream(dir / "orbita.json") << nlohmann::json{{"data_dir", dir.string()}, {"database", {{"url", db_url}}},
                                                         {"log", {{"level", "error"}}}}.dump();
    spdlog::set_level(spdlog::level::err);
    kernel::Kernel k(kernel::config::load_config((dir / "orbita.json").string(), {}));
    k.open();
    const auto actor = kernel::Actor::system_actor("bench");
    const kernel::lua::RunContext context{actor, k.lua().default_budgets(), std::nullopt, nullptr, false, {}};
    const kernel::lua::ScriptSource noop{"bench", "bench/noop.lua", "return nil"};
    const kernel::lua::ScriptSource small{"bench", "bench/small.lua",
                                          "local t = {} for i = 1, 10 do t[i] = i * 2 end return #t"};
    for (int i = 0; i < 1000; ++i) (void)k.lua().run(noop, context);  // warm the pool and the caches

    std::printf("Lua run overhead, %d runs each, SQLite (%s)\n", n, db_url.c_str());
    print("empty write transaction", measure(n, [&] { k.database().write([](kernel::storage::Transaction&) {}); }));
    print("no-op script (LuaRuntime::run)", measure(n, [&] {
              if (!k.lua().run(noop, context).ok) std::abort();
          }));
    print("10-step loop script", measure(n, [&] {
              if (!k.lua().run(small, context).ok) std::abort();
          }));
    auto dry = context;
    dry.dry_run = true;
    print("no-op script, dry run (rollback)", measure(n, [&] {
              if (!k.lua().run(noop, dry).ok) std::abort();
          }));
    std::filesystem::remove_all(dir);
    return 0;
}
