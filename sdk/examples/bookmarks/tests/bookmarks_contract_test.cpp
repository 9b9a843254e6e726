// SPDX-License-Identifier: Apache-2.0
// Contract test: the built plugin in a real kernel, through the SDK harness.
#include <catch2/catch.hpp>

#include <orbita/sdk/testing/harness.hpp>

using orbita::sdk::testing::Harness;

namespace {
// [snippet:harness]
Harness start(nlohmann::json config = nlohmann::json::object()) {
    return Harness({.plugin_folder = BOOKMARKS_PLUGIN_DIR, .dependency_dirs = {}, .config = std::move(config)});
}
// [end-snippet]
}  // namespace

TEST_CASE("the plugin runs and registers exactly what its manifest declares") {
    auto h = start();
    INFO(h.plugin().dump(2));
    REQUIRE(h.running());
    CHECK(h.manifest_mismatches().empty());
}

TEST_CASE("routes work as a given user, with the kernel's rights") {
    auto h = start();
    auto created = h.call("POST", "/api/v1/records/bookmark", {{"title", "Orbita"}, {"url", "HTTPS://Orbita.DEV/"}});
    REQUIRE(created.status == 201);
    const auto id = std::to_string(created.body["id"].get<long>());

    auto visit = h.call("POST", "/api/v1/bookmarks/" + id + "/visit");
    CHECK(visit.status == 200);
    CHECK(visit.body["url"] == "https://orbita.dev");
    CHECK(visit.body["visits"] == 1);
    auto stats = h.call("GET", "/api/v1/bookmarks/stats");
    CHECK(stats.body["created_since_start"] == 1);  // counted by the event subscriber
    CHECK(stats.body["total"] == 1);

    // A reader may visit but not pin: the declared permission is enforced.
    h.create_user("reader", {{{"target", "bookmark"}, {"operation", "read"}, {"scope", "all"}},
                             {{"target", "bookmark"}, {"operation", "update"}, {"scope", "all"}}});
    auto pin = h.call("POST", "/api/v1/bookmarks/" + id + "/pin", nullptr, "reader");
    CHECK(pin.status == 403);
    CHECK(pin.body["detail"] == "pinning bookmarks needs the bookmarks/curate permission");
    CHECK(h.call("POST", "/api/v1/bookmarks/" + id + "/pin").body["pinned"] == true);
    CHECK(h.call("GET", "/api/v1/bookmarks/stats", nullptr, "").status == 401);
}

TEST_CASE("the robot action validates its input and answers JSON") {
    auto h = start({{"allowed_schemes", {"https"}}});
    CHECK(h.run_action("bookmarks.normalize_url", {{"url", "https://A.B/"}}).value()["url"] == "https://a.b");
    CHECK(h.run_action("bookmarks.normalize_url", {{"url", "http://a.b"}}).error().code == "invalid-url");
    CHECK(h.run_action("bookmarks.normalize_url", {{"link", "x"}}).error().code == "invalid-input");
}

TEST_CASE("save_link saves a bookmark for a record as the caller; visiting it raises bookmarks.visited") {
    auto h = start();
    auto saved = h.run_action("bookmarks.save_link", {{"url", "HTTPS://Example.org/Offer"}, {"title", "Offer"},
                                                      {"about_type", "deal"}, {"about_id", 7}});
    REQUIRE(saved.ok());
    const auto id = std::to_string(saved.value()["bookmark_id"].get<long>());
    auto bookmark = h.call("GET", "/api/v1/records/bookmark/" + id);
    CHECK(bookmark.body["url"] == "https://example.org/Offer");
    CHECK(bookmark.body["about_type"] == "deal");
    CHECK(bookmark.body["about_id"] == 7);
    CHECK(bookmark.body["created_by"] == h.call("GET", "/api/v1/auth/me").body["user"]["id"]);
    CHECK(h.call("POST", "/api/v1/bookmarks/" + id + "/visit").status == 200);  // raises the event
    CHECK(h.run_action("bookmarks.save_link", {{"url", "ftp://x"}, {"title", "x"}}).error().code == "invalid-url");
    CHECK(h.run_action("bookmarks.save_link", {{"url", "https://x.org"}}).error().code == "invalid-input");
    CHECK(h.plugin()["registrations"]["triggers"] == nlohmann::json::array({"bookmarks.visited"}));
}

TEST_CASE("configuration outside the plugin's schema stops the plugin, not the kernel") {
    auto h = start({{"allowed_schemes", {"gopher"}}});
    CHECK(h.plugin()["state"] == "failed");
    CHECK(h.plugin()["reason"].get<std::string>().find("allowed_schemes") != std::string::npos);
    CHECK(h.call("GET", "/health", nullptr, "").status == 200);
}

TEST_CASE("demo data installs two pinned bookmarks, once") {
    auto h = start();
    REQUIRE(h.install_demo_data().ok());
    REQUIRE(h.install_demo_data().ok());  // idempotent: run twice, still two
    auto list = h.call("GET", "/api/v1/records/bookmark?sort=id");
    REQUIRE(list.status == 200);
    REQUIRE(list.body["items"].size() == 2);
    CHECK(list.body["items"][0]["title"] == "Orbita SDK");
    CHECK(list.body["items"][1]["pinned"] == true);
}
