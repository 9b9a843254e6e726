// SPDX-License-Identifier: Apache-2.0
// Plugin contributions to automation, with the SDK example plugin (bookmarks) loaded
// into a real kernel on both backends: its robot action runs through a robot like the
// kernel's own, and its trigger source moves records when the plugin raises its event.
#include "support/automation_helpers.hpp"
#include "support/records_helpers.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using nlohmann::json;
using namespace orbita;
using namespace orbita::test;

namespace {

std::int64_t id_of(const json& j) { return j["id"].get<std::int64_t>(); }

}  // namespace

TEST_CASE("a plugin's robot action and trigger source work through robots and triggers") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TempDir plugins;
            std::filesystem::create_directory_symlink(BOOKMARKS_PLUGIN_DIR, plugins.path() / "bookmarks");
            TestServer server(backend, manual_jobs_config({{"plugins", {{"directories", {plugins.path().string()}}}}}));
            add_deal_types(server);
            auto http = server.client();
            auto actions = http.get("/api/v1/admin/robot-actions").json()["items"];
            CHECK(std::any_of(actions.begin(), actions.end(), [](const json& a) { return a["id"] == "bookmarks.save_link" && a["owner"] == "bookmarks"; }));
            CHECK(http.get("/api/v1/admin/trigger-sources").json()["sources"][0]["id"] == "bookmarks.visited");

            auto sales = create_pipeline(http, "sales", {"proposal", "feedback", "won"});
            const auto robot = id_of(create_robot(http, {{"stage_id", stage_id(sales, "proposal")}, {"name", "Offer link"},
                                                         {"action", "bookmarks.save_link"},
                                                         {"params", {{"url", "https://example.org/offers/{{record.id}}"},
                                                                     {"title", "Offer: {{record.title}}"},
                                                                     {"about_type", "deal"}, {"about_id", "{{record.id}}"}}}}));
            auto trigger = http.post("/api/v1/admin/triggers", {{"stage_id", stage_id(sales, "feedback")}, {"name", "Client opened the offer"},
                                                                {"kind", "event"}, {"config", {{"event", "bookmarks.visited"}}}});
            INFO(trigger.body);
            REQUIRE(trigger.status == 201);

            const auto deal = id_of(create_record(http, "deal", {{"title", "Поставка"}}));
            CHECK(run_due(server) == 1);
            auto run = robot_runs(http, robot)[0];
            INFO(run.dump());
            REQUIRE(run["state"] == "done");
            CHECK(run["effects"][0]["kind"] == "record.created");
            CHECK(run["effects"][0]["type"] == "bookmark");
            const auto bookmark = run["effects"][0]["id"].get<std::int64_t>();
            auto saved = get_record(http, "bookmark", bookmark);
            CHECK(saved["title"] == "Offer: Поставка");
            CHECK(saved["url"] == "https://example.org/offers/" + std::to_string(deal));
            CHECK(saved["about_id"] == deal);

            REQUIRE(http.post("/api/v1/bookmarks/" + std::to_string(bookmark) + "/visit", json::object()).status == 200);
            CHECK(run_due(server) == 1);
            CHECK(get_record(http, "deal", deal)["stage"] == "feedback");

            // A plugin's refusal fails the run with its message, and nothing of it stays.
            REQUIRE(http.patch("/api/v1/admin/robots/" + std::to_string(robot), {{"params", {{"url", "ftp://example.org/{{record.id}}"}, {"title", "x"}}}})
                        .status == 200);
            create_record(http, "deal", {{"title", "Refused"}});
            run_due(server);
            auto failed = robot_runs(http, robot)[0];
            CHECK(failed["state"] == "failed");
            CHECK(failed["error"].get<std::string>().find("bookmarks.save_link: invalid-url") != std::string::npos);
            CHECK(list_page(http, "bookmark", {})["items"].size() == 1);
        }
    }
}
