// SPDX-License-Identifier: Apache-2.0
// Contract test: the built crm plugin in a real kernel, through the SDK harness.
#include <catch2/catch.hpp>

#include <orbita/sdk/testing/harness.hpp>

using orbita::sdk::testing::Harness;

namespace {

Harness start(nlohmann::json config = nlohmann::json::object()) {
    return Harness({.plugin_folder = CRM_PLUGIN_DIR, .dependency_dirs = {}, .config = std::move(config)});
}

}  // namespace

TEST_CASE("the crm plugin runs and registers exactly what its manifest declares") {
    auto h = start();
    INFO(h.plugin().dump(2));
    REQUIRE(h.running());
    CHECK(h.manifest_mismatches().empty());
    // The public entity types integrators rely on, with their documented fields.
    auto types = h.call("GET", "/api/v1/types");
    REQUIRE(types.status == 200);
    for (const char* name : {"client", "organization", "contact_person", "client_list", "project", "request", "funnel", "stage",
                             "deal", "task", "event", "note"}) {
        INFO(name);
        CHECK(h.call("GET", std::string("/api/v1/types/") + name).status == 200);
    }
}

TEST_CASE("a client is created with its phones through the plugin's route, as the caller") {
    auto h = start();
    auto created = h.call("POST", "/api/v1/crm/clients", {{"last_name", "Петров"}, {"phones", {"8 903 765-43-21"}}});
    INFO(created.text);
    REQUIRE(created.status == 201);
    CHECK(created.body["phones"][0]["e164"] == "+79037654321");
    h.create_user("reader", {{{"target", "client"}, {"operation", "read"}, {"scope", "all"}},
                             {{"target", "client_phone"}, {"operation", "read"}, {"scope", "all"}},
                             {{"target", "client_email"}, {"operation", "read"}, {"scope", "all"}}});
    CHECK(h.call("POST", "/api/v1/crm/clients", {{"last_name", "Сидоров"}}, "reader").status == 403);
    CHECK(h.call("GET", "/api/v1/crm/search?q=89037654321", nullptr, "reader").body["clients"].size() == 1);
    CHECK(h.call("GET", "/api/v1/crm/search?q=89037654321", nullptr, "").status == 401);
}

TEST_CASE("a client and its phones are stored all or nothing (Records::transaction)") {
    auto h = start();
    // May create clients but not their phones: the client written first is rolled back.
    h.create_user("clerk", {{{"target", "client"}, {"operation", "create"}, {"scope", "all"}},
                            {{"target", "client"}, {"operation", "read"}, {"scope", "all"}},
                            {{"target", "client_phone"}, {"operation", "read"}, {"scope", "all"}},
                            {{"target", "client_email"}, {"operation", "read"}, {"scope", "all"}}});
    auto refused = h.call("POST", "/api/v1/crm/clients", {{"last_name", "Клерков"}, {"phones", {"+7 903 111-22-33"}}}, "clerk");
    INFO(refused.text);
    CHECK(refused.status == 403);
    CHECK(h.call("GET", "/api/v1/records/client").body["items"].empty());
    CHECK(h.call("POST", "/api/v1/crm/clients", {{"last_name", "Клерков"}}, "clerk").status == 201);  // no phones: allowed
}

TEST_CASE("the stage limit comes from the configuration, checked against the plugin's schema") {
    auto h = start({{"stage_limit", 1}});
    CHECK(h.plugin()["state"] == "failed");
    CHECK(h.plugin()["reason"].get<std::string>().find("stage_limit") != std::string::npos);
}

TEST_CASE("demo data installs once") {
    auto h = start();
    REQUIRE(h.install_demo_data().ok());
    REQUIRE(h.install_demo_data().ok());
    CHECK(h.call("GET", "/api/v1/records/client").body["items"].size() == 6);
}
