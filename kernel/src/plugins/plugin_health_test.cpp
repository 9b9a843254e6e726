// SPDX-License-Identifier: Apache-2.0
// The health monitor: answers cached, exceptions fatal, slow answers bounded in time.
#include "plugins/plugin_health.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

using namespace orbita;
using namespace orbita::kernel::plugins;
using namespace std::chrono_literals;

TEST_CASE("health() answers are reused for the cache period") {
    PluginHealthMonitor monitor({.cache = 1h, .wait = 1s});
    std::atomic<int> calls{0};
    std::atomic<bool> fine{true};
    monitor.watch("p", [&] {
        ++calls;
        return fine ? sdk::Health::Ok : sdk::Health::Fatal;
    });
    CHECK(monitor.check()["p"].health == sdk::Health::Ok);
    fine = false;
    CHECK(monitor.check()["p"].health == sdk::Health::Ok);
    CHECK(calls == 1);
}

TEST_CASE("a throwing health() is fatal with the message") {
    PluginHealthMonitor monitor({.cache = 0ms, .wait = 1s});
    monitor.watch("p", []() -> sdk::Health { throw std::runtime_error("plugin p failed in health: boom"); });
    auto report = monitor.check()["p"];
    CHECK(report.health == sdk::Health::Fatal);
    CHECK(report.detail == "plugin p failed in health: boom");
}

TEST_CASE("a slow health() is degraded without holding the caller up, and a stuck one costs no more waiting") {
    PluginHealthMonitor monitor({.cache = 0ms, .wait = 50ms});
    // Shared with the probe's thread, which may outlive this test by a few milliseconds.
    auto release = std::make_shared<std::atomic<bool>>(false);
    monitor.watch("slow", [release] {
        while (!*release) std::this_thread::sleep_for(1ms);
        return sdk::Health::Ok;
    });
    monitor.watch("quick", [] { return sdk::Health::Degraded; });
    auto started = std::chrono::steady_clock::now();
    auto first = monitor.check();
    CHECK(std::chrono::steady_clock::now() - started < 1s);
    CHECK(first["slow"].health == sdk::Health::Degraded);
    CHECK_THAT(first["slow"].detail, Catch::Matchers::StartsWith("health() has not answered for"));
    CHECK(first["quick"].health == sdk::Health::Degraded);
    CHECK(first["quick"].detail.empty());

    CHECK(monitor.forget("quick", 1s));
    started = std::chrono::steady_clock::now();
    CHECK(monitor.check()["slow"].health == sdk::Health::Degraded);
    CHECK(std::chrono::steady_clock::now() - started < 25ms);  // overdue already: no new wait

    CHECK_FALSE(monitor.forget("slow", 10ms));  // still running: the caller must keep the plugin
    *release = true;
    CHECK(monitor.check().empty());
}
