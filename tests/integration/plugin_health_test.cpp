// SPDX-License-Identifier: Apache-2.0
// /health carries every plugin's state and health(): an unhealthy plugin degrades the
// kernel (200), a required one reporting fatal takes it down (503); health() answers
// are cached, bounded in time, and a throwing health() is a fatal report and a fault.
#include "support/plugin_dir.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

using namespace orbita;
using namespace orbita::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

// A plugin directory with the health fixture; health answers cached for `cache_ms`.
nlohmann::json health_config(const PluginDir& plugins, int cache_ms, nlohmann::json settings = nlohmann::json::object()) {
    auto config = plugins.config(std::move(settings));
    config["plugins"]["health_cache_ms"] = cache_ms;
    return config;
}

void set_mode(HttpClient admin, const std::string& mode) {
    REQUIRE(admin.post("/api/v1/health_toggle/mode", {{"mode", mode}}).status == 200);
}

}  // namespace

TEST_CASE("/health reports each plugin's state and health; an unhealthy plugin degrades the kernel") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            PluginDir plugins({"health_toggle"});
            TestServer server(backend, health_config(plugins, 0));
            auto admin = server.client();
            auto probe = server.anonymous_client();

            auto fine = probe.get("/health");
            REQUIRE(fine.status == 200);
            CHECK(fine.json() == nlohmann::json({{"status", "ok"},
                                                 {"database", "ok"},
                                                 {"plugins", {{"health_toggle", {{"state", "running"}, {"required", false}, {"health", "ok"}}}}}}));

            set_mode(admin, "degraded");
            auto degraded = probe.get("/health");
            CHECK(degraded.status == 200);
            CHECK(degraded.json()["status"] == "degraded");
            CHECK(degraded.json()["plugins"]["health_toggle"]["health"] == "degraded");

            set_mode(admin, "fatal");
            auto fatal = probe.get("/health");
            CHECK(fatal.status == 200);  // not required: degraded, not down
            CHECK(fatal.json()["status"] == "degraded");
            CHECK(fatal.json()["plugins"]["health_toggle"]["health"] == "fatal");

            set_mode(admin, "throw");
            auto threw = probe.get("/health").json();
            CHECK(threw["status"] == "degraded");
            CHECK(threw["plugins"]["health_toggle"]["health"] == "fatal");
            CHECK(threw["plugins"]["health_toggle"]["detail"] ==
                  "plugin health_toggle failed in health: the health probe of the fixture is on fire");
            auto entry = plugin_entry(admin.get("/api/v1/admin/plugins").json()["plugins"], "health_toggle");
            CHECK(entry["health"] == "fatal");
            CHECK(entry["faults"]["count"].get<int>() >= 1);
            CHECK(entry["state"] == "running");

            // A health() that takes 1.5 s does not hold /health up.
            set_mode(admin, "slow");
            const auto started = std::chrono::steady_clock::now();
            auto slow = probe.get("/health");
            const auto took = std::chrono::steady_clock::now() - started;
            CHECK(took < std::chrono::milliseconds(1000));
            CHECK(slow.json()["status"] == "degraded");
            CHECK_THAT(slow.json()["plugins"]["health_toggle"]["detail"].get<std::string>(),
                       StartsWith("health() has not answered for"));
            // Once it answers (ok: slow only once), the kernel is healthy again.
            std::this_thread::sleep_for(std::chrono::milliseconds(1700));
            CHECK(probe.get("/health").json()["status"] == "ok");
        }
    }
}

TEST_CASE("a required plugin reporting fatal takes /health down; a plugin that failed to start degrades it") {
    PluginDir plugins({"health_toggle", "throws_in_init"});
    TestServer server("sqlite", health_config(plugins, 0, {{"health_toggle", {{"required", true}}}}));
    auto probe = server.anonymous_client();
    auto start = probe.get("/health");
    CHECK(start.status == 200);
    CHECK(start.json()["status"] == "degraded");
    CHECK(start.json()["plugins"]["throws_in_init"]["state"] == "failed");
    CHECK_THAT(start.json()["plugins"]["throws_in_init"]["reason"].get<std::string>(), StartsWith("initialize threw:"));
    CHECK_FALSE(start.json()["plugins"]["throws_in_init"].contains("health"));

    set_mode(server.client(), "degraded");
    CHECK(probe.get("/health").status == 200);
    set_mode(server.client(), "fatal");
    auto down = probe.get("/health");
    CHECK(down.status == 503);
    CHECK(down.json()["status"] == "fail");
    CHECK(down.json()["plugins"]["health_toggle"]["required"] == true);
}

TEST_CASE("health() answers are reused for plugins.health_cache_ms") {
    PluginDir plugins({"health_toggle"});
    TestServer server("sqlite", health_config(plugins, 60000));
    auto probe = server.anonymous_client();
    CHECK(probe.get("/health").json()["status"] == "ok");
    set_mode(server.client(), "fatal");
    CHECK(probe.get("/health").json()["status"] == "ok");  // the cached answer
}
