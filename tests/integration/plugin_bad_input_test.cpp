// SPDX-License-Identifier: Apache-2.0
// Every bad fixture plugin fails with a precise reason while the good ones and the
// kernel keep working; required plugins stop the kernel; the crash-loop guard.
#include "app/kernel.hpp"
#include "orbita/sdk/version.hpp"
#include "plugins/plugin_host.hpp"
#include "support/plugin_dir.hpp"
#include "support/test_server.hpp"

#include <orbita/sdk/version.hpp>

#include <catch2/catch.hpp>

#include <fstream>

using namespace orbita;
using namespace orbita::test;
using Catch::Matchers::Contains;

namespace {

const std::vector<std::string> kBadFixtures = {
    "needs_missing", "wants_newer_a", "cycle_a",     "cycle_b",     "abi_major",  "fingerprint_mismatch",
    "unresolved_symbol", "throws_in_init", "half_routes", "dup_type_a", "dup_type_b", "auth", "abi_newer_minor"};

// "1.1": this kernel's plugin ABI, and the ABI one minor newer.
const std::string kAbi = std::to_string(ORBITA_SDK_ABI_MAJOR) + "." + std::to_string(ORBITA_SDK_ABI_MINOR);
const std::string kNewerAbi = std::to_string(ORBITA_SDK_ABI_MAJOR) + "." + std::to_string(ORBITA_SDK_ABI_MINOR + 1);


}  // namespace

TEST_CASE("bad plugins fail with precise reasons; good plugins and the kernel keep working") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            PluginDir plugins(kBadFixtures);
            plugins.link("good_a");
            plugins.link("good_b");
            plugins.copy_with_manifest("good_b", "broken_manifest", R"({"id": "broken_manifest", "version": "one", "library": "libgood_b.so"})");
            plugins.copy_with_manifest("good_b", "disagrees",
                                       R"({"id": "disagrees", "version": "1.0.0", "kernelApi": ")" + kAbi +
                                           R"(", "library": "libgood_b.so"})");
            plugins.copy_with_manifest("good_b", "not_json", "{ this is not json");
            TestServer server(backend, plugins.config());
            auto admin = server.client();
            auto report = admin.get("/api/v1/admin/plugins").json()["plugins"];
            INFO(report.dump(2));

            CHECK(plugin_entry(report, "good_a")["state"] == "running");
            CHECK(plugin_entry(report, "good_b")["state"] == "running");
            CHECK(plugin_entry(report, "dup_type_a")["state"] == "running");
            for (const auto& id : kBadFixtures) {
                if (id != "dup_type_a") CHECK(plugin_entry(report, id)["state"] == "failed");
            }

            CHECK(plugin_reason(report, "needs_missing") == "requires plugin nothing_here 1.0.0, which is not installed");
            CHECK(plugin_reason(report, "wants_newer_a") ==
                  "requires good_a 2.0.0, but good_a (1.0.0) is installed (it serves versions 1.0.0 to 1.0.0)");
            CHECK(plugin_reason(report, "cycle_a") ==
                  "circular dependency: cycle_a (1.0.0) depends on cycle_b (1.0.0) depends on cycle_a (1.0.0)");
            CHECK(plugin_reason(report, "cycle_b") == plugin_reason(report, "cycle_a"));
            CHECK(plugin_reason(report, "abi_major") == "built for plugin ABI 99.0, but this kernel provides ABI " + kAbi +
                                                     " (major versions differ)");
            CHECK(plugin_reason(report, "abi_newer_minor") == "built for plugin ABI " + kNewerAbi + ", newer than this kernel's ABI " +
                                                           kAbi + "; upgrade the kernel");
            CHECK(plugin_entry(report, "abi_newer_minor")["failed_in"] == "resolved");
            CHECK_THAT(plugin_reason(report, "fingerprint_mismatch"),
                       Contains("build fingerprint differs: the library was built with [cc=other-compiler 1.0]"));
            CHECK_THAT(plugin_reason(report, "unresolved_symbol"),
                       Contains("libunresolved_symbol.so: undefined symbol: orbita_fixture_symbol_nobody_defines"));
            CHECK(plugin_reason(report, "throws_in_init") ==
                  "initialize threw: plugin throws_in_init failed in initialize: database of the fixture is on fire");
            CHECK(plugin_entry(report, "throws_in_init")["failed_in"] == "loaded");
            CHECK(plugin_reason(report, "half_routes") == "initialize failed: upstream-unreachable: cannot reach the fixture's upstream service");
            CHECK(plugin_reason(report, "dup_type_b") ==
                  "registrations refused: entity type dup_thing of dup_type_b is already registered by dup_type_a");
            CHECK(plugin_reason(report, "auth") == "registrations refused: route POST /api/v1/auth/login of auth is already registered by kernel");
            CHECK_THAT(plugin_reason(report, "broken_manifest"), Contains("invalid plugin.json:") && Contains("version") &&
                                                             Contains("kernelApi"));
            CHECK(plugin_entry(report, "broken_manifest")["failed_in"] == "discovered");
            CHECK(plugin_reason(report, "not_json") == "invalid plugin.json: " + (plugins.path() / "not_json" / "plugin.json").string() +
                                                    ": not valid JSON");
            CHECK(plugin_reason(report, "disagrees") == "manifest disagrees with the library: plugin.json says disagrees (1.0.0), "
                                                 "libgood_b.so was built as good_b (1.0.0)");

            // Nothing of a failed plugin stays registered.
            CHECK(admin.get("/api/v1/half_routes/one").status == 404);
            CHECK(admin.get("/api/v1/half_routes/two").status == 404);
            CHECK(admin.get("/api/v1/throws_in_init/x").status == 404);
            CHECK(admin.get("/api/v1/admin/permissions").body.find("half_routes") == std::string::npos);
            // The kernel's own route is untouched, and the kernel serves.
            CHECK(server.anonymous_client().post("/api/v1/auth/login", {{"login", "admin"}, {"password", TestServer::kAdminPassword}}).status == 200);
            CHECK(admin.get("/api/v1/good_a/ping").status == 200);
            CHECK(server.anonymous_client().get("/health").status == 200);
        }
    }
}

TEST_CASE("a plugin built for an older ABI minor loads, and fields newer than its minor are not read from it") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            // Its probe says ABI <major>.0; so must its manifest.
            PluginDir plugins;
            plugins.copy_with_manifest("abi_older_minor", "abi_older_minor",
                                       R"({"id": "abi_older_minor", "version": "1.0.0", "kernelApi": ")" +
                                           std::to_string(ORBITA_SDK_ABI_MAJOR) + R"(.0", "library": "libabi_older_minor.so"})");
            TestServer server(backend, plugins.config());
            auto entry = plugin_entry(server.client().get("/api/v1/admin/plugins").json()["plugins"], "abi_older_minor");
            INFO(entry.dump(2));
            CHECK(entry["state"] == "running");
            CHECK(server.client().get("/api/v1/abi_older_minor/ping").json()["pong"] == "abi_older_minor");
            // LuaModule::kind came with ABI 1.1: a 1.0 plugin's module is a library.
            auto modules = server.kernel().plugins().catalog().lua_modules();
            REQUIRE(modules.size() == 1);
            CHECK(modules[0].item.name == "abi_older_minor.helpers");
            CHECK(modules[0].item.kind == orbita::sdk::LuaModuleKind::Library);
        }
    }
}

TEST_CASE("a plugin config with an unknown key fails that plugin before anything initializes") {
    PluginDir plugins({"good_a", "good_b"});
    TestServer server("sqlite", plugins.config({{"good_a", {{"config", {{"greting", "hi"}}}}}}));
    auto report = server.client().get("/api/v1/admin/plugins").json()["plugins"];
    CHECK_THAT(plugin_reason(report, "good_a"), Contains("invalid configuration (plugins.settings.good_a.config):") &&
                                             Contains("greting") && Contains("did you mean 'greeting'"));
    CHECK(plugin_entry(report, "good_a")["failed_in"] == "manifest_valid");
    CHECK_THAT(plugin_reason(report, "good_b"), Contains("dependency good_a 1.0.0 is not available: failed: invalid configuration"));
}

TEST_CASE("a failed required plugin stops the kernel with the reason") {
    PluginDir plugins({"good_a", "throws_in_init"});
    TempDir dir;
    TestDatabase db("sqlite", dir.path());
    auto overrides = plugins.config({{"throws_in_init", {{"required", true}}}, {"not_installed", {{"required", true}}}});
    kernel::Kernel k(test_config(dir.path(), db.url(), overrides));
    CHECK_THROWS_WITH(k.open(), Contains("required plugins failed:") && Contains("throws_in_init: initialize threw") &&
                                    Contains("not_installed: required in configuration but not installed"));
}

TEST_CASE("a plugin that killed the previous start is skipped with a visible reason until the marker goes") {
    PluginDir plugins({"good_a", "crashes_in_init"});
    TempDir dir;
    const auto config_file = dir.path() / "orbita.json";
    nlohmann::json config = plugins.config();
    config["data_dir"] = (dir.path() / "var").string();
    config["log"] = {{"level", "warn"}};
    std::ofstream(config_file) << config.dump();
    const std::string command = std::string(ORBITA_EXECUTABLE) + " --config " + config_file.string() + " plugins";

    // First start: the plugin aborts the process; its marker stays behind.
    CHECK(std::system((command + " >/dev/null 2>&1").c_str()) != 0);
    const auto marker = dir.path() / "var" / "plugins-loading" / "crashes_in_init.marker";
    CHECK(std::filesystem::exists(marker));

    // Second start: skipped, the others load, and the command says why.
    const auto out = dir.path() / "out.txt";
    CHECK(std::system((command + " >" + out.string() + " 2>&1").c_str()) == 0);
    std::ifstream in(out);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    INFO(text);
    CHECK_THAT(text, Contains("crashes_in_init") && Contains("disabled") &&
                         Contains("skipped: the previous start died while loading this plugin (" + marker.string() + ")"));
    CHECK_THAT(text, Contains("good_a") && Contains("running"));
}
