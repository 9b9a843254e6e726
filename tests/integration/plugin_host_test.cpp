// SPDX-License-Identifier: Apache-2.0
// The plugin host with good fixture plugins: order of phases, every registrar committed
// and reachable, run-time faults reported, the admin report and its access rule.
#include "core/actor.hpp"
#include "plugins/plugin_host.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "support/plugin_dir.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace orbita;
using namespace orbita::test;

namespace {

std::vector<std::string> read_lines(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

}  // namespace

TEST_CASE("good plugins run in dependency order and everything they register is live") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            PluginDir plugins({"good_b", "good_a"});
            TempDir scratch;
            const auto trace = scratch.path() / "trace.txt";
            auto server = std::make_unique<TestServer>(
                backend, plugins.config({{"good_a", {{"config", {{"trace_file", trace.string()}, {"greeting", "hi"}}}}},
                                         {"good_b", {{"config", {{"trace_file", trace.string()}}}}}}));
            auto admin = server->client();

            auto report = admin.get("/api/v1/admin/plugins");
            REQUIRE(report.status == 200);
            const auto a = plugin_entry(report.json()["plugins"], "good_a");
            INFO(report.body);
            CHECK(a["state"] == "running");
            CHECK(plugin_entry(report.json()["plugins"], "good_b")["state"] == "running");
            CHECK(a["registrations"]["robotActions"] == nlohmann::json({"good_a.echo"}));
            CHECK(a["registrations"]["migrations"] == nlohmann::json({"0001_create_good_a_log"}));
            CHECK(a["manifest"]["provides"]["routes"] == nlohmann::json({"GET /api/v1/good_a/ping"}));

            auto ping = admin.get("/api/v1/good_a/ping");
            CHECK(ping.status == 200);
            CHECK(ping.json()["greeting"] == "hi");
            CHECK(ping.json()["user"] == "admin");
            CHECK(admin.get("/api/v1/good_b/hello").json()["hello"] == "from good_b");

            // Entity type with its table, and the subscriber sees the record event.
            CHECK(admin.post("/api/v1/records/good_a_item", {{"title", "x"}}).status == 201);
            CHECK(admin.get("/api/v1/good_a/ping").json()["created_seen"].get<int>() >= 1);

            // Migration recorded under the plugin's name; permission in the catalog.
            auto applied = server->kernel().database().read([](kernel::storage::Connection& c) {
                return c.query_int(kernel::storage::SqlFragment("SELECT COUNT(*) FROM schema_migrations WHERE id = ")
                                       .bind(std::string("good_a/0001_create_good_a_log")));
            });
            CHECK(applied == 1);
            CHECK(admin.get("/api/v1/admin/permissions").body.find("\"good_a\"") != std::string::npos);
            auto menu = admin.get("/api/v1/ui/menu").json()["items"];
            REQUIRE(menu.size() == 1);
            CHECK(menu[0]["id"] == "good_a.main");
            CHECK(menu[0]["module"] == "ui/index.js");

            auto echo = server->kernel().plugins().run_action("good_a.echo", {{"n", 1}}, kernel::Actor::system_actor("t"));
            REQUIRE(echo.ok());
            CHECK(echo.value()["as"] == "system:t");

            // A handler that throws answers 500 naming the plugin and is counted.
            auto boom = admin.get("/api/v1/good_a/ping?explode=1");
            CHECK(boom.status == 500);
            CHECK(boom.json()["detail"] == "plugin good_a failed in route GET /api/v1/good_a/ping: asked to explode");
            auto after = plugin_entry(admin.get("/api/v1/admin/plugins").json()["plugins"], "good_a");
            CHECK(after["faults"]["count"] == 1);
            CHECK(after["state"] == "running");

            // Only administrators read the report.
            server->create_user("clerk", {});
            CHECK(server->client_with_token(server->token_for("clerk")).get("/api/v1/admin/plugins").status == 403);

            server.reset();
            CHECK(read_lines(trace) == std::vector<std::string>{"good_a initialize", "good_b initialize",
                                                                "good_b on_all_initialized", "good_a on_all_initialized",
                                                                "good_a about_to_shutdown", "good_b about_to_shutdown"});
        }
    }
}

TEST_CASE("a plugin disabled in configuration does not load and its dependents say why") {
    PluginDir plugins({"good_a", "good_b"});
    TestServer server("sqlite", plugins.config({{"good_a", {{"enabled", false}}}, {"good_x", nlohmann::json::object()}}));
    auto report = server.client().get("/api/v1/admin/plugins").json();
    auto a = plugin_entry(report["plugins"], "good_a");
    CHECK(a["state"] == "disabled");
    CHECK(a["reason"] == "disabled in configuration (plugins.settings.good_a.enabled)");
    CHECK(plugin_entry(report["plugins"], "good_b")["reason"] ==
          "dependency good_a 1.0.0 is not available: disabled: disabled in configuration (plugins.settings.good_a.enabled)");
    CHECK(report["configuration_problems"][0] ==
          "plugins.settings.good_x: no such plugin is installed (did you mean 'good_a'?)");
}
