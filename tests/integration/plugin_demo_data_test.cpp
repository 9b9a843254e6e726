// SPDX-License-Identifier: Apache-2.0
// Plugin demo-data providers run in a transaction each: a failing one is reported with
// its plugin id and leaves nothing behind, the others' data is installed.
#include "app/plugin_demo_data.hpp"
#include "support/cli_capture.hpp"
#include "support/plugin_dir.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace orbita;
using namespace orbita::test;
using Catch::Matchers::Contains;

namespace {

const kernel::PluginDemoOutcome& outcome_of(const std::vector<kernel::PluginDemoOutcome>& outcomes, const std::string& plugin) {
    for (const auto& o : outcomes) {
        if (o.plugin == plugin) return o;
    }
    FAIL("no demo outcome of " << plugin);
    throw std::logic_error("unreachable");
}

std::size_t count(HttpClient admin, const std::string& type) {
    auto list = admin.get("/api/v1/records/" + type + "?archived=all");
    REQUIRE(list.status == 200);
    return list.json()["items"].size();
}

}  // namespace

TEST_CASE("a failing demo provider is reported with its plugin id and leaves nothing; the others install") {
    for (const auto& backend : test_backends()) {
        for (const std::string mode : {"error", "throw"}) {
            SECTION(backend + ", provider fails by " + mode) {
                PluginDir plugins({"good_a", "demo_fails"});
                TestServer server(backend, plugins.config({{"demo_fails", {{"config", {{"fail", mode}}}}}}));
                auto outcomes = kernel::install_plugin_demo_data(server.kernel());
                REQUIRE(outcomes.size() == 2);
                CHECK(outcome_of(outcomes, "good_a").error.empty());
                const auto& failed = outcome_of(outcomes, "demo_fails");
                CHECK(failed.description == "half a demo");
                CHECK(failed.error == (mode == "error" ? "the second half of the demo cannot be made"
                                                       : "threw: the demo generator crashed"));

                auto admin = server.client();
                CHECK(count(admin, "good_a_item") == 1);
                CHECK(count(admin, "demo_fails_item") == 0);  // its first record was rolled back

                // Again: good_a's provider is idempotent, demo_fails still leaves nothing.
                kernel::install_plugin_demo_data(server.kernel());
                CHECK(count(admin, "good_a_item") == 1);
                CHECK(count(admin, "demo_fails_item") == 0);
            }
        }
    }
}

TEST_CASE("orbita demo-data names the failing plugin, keeps the others' data and exits 1") {
    PluginDir plugins({"good_a", "demo_fails"});
    TempDir dir;
    nlohmann::json config = plugins.config();
    config["data_dir"] = (dir.path() / "var").string();
    config["log"] = {{"level", "error"}};
    config["auth"] = {{"password_hash_ops", 1}, {"password_hash_memory_kib", 8}};
    const auto file = dir.path() / "orbita.json";
    std::ofstream(file) << config.dump();

    auto demo = run_cli_captured({"--config", file.string(), "demo-data", "--tickets", "1"});
    INFO(demo.out << demo.err);
    CHECK(demo.code == 1);
    CHECK_THAT(demo.out, Contains("Demo data of plugin good_a: good_a demo"));
    CHECK_THAT(demo.err, Contains("orbita demo-data: plugin demo_fails (half a demo) failed: the second half of the demo "
                                  "cannot be made (its changes were rolled back)"));
}
