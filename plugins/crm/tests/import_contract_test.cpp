// SPDX-License-Identifier: Apache-2.0
// Contract test of the client import through the SDK harness: the import writes with
// the caller's rights, so a caller who may not create clients imports nothing.
#include "import/base64.hpp"

#include <catch2/catch.hpp>

#include <orbita/sdk/testing/harness.hpp>

using orbita::sdk::testing::Harness;
using orbita::plugins::crm::base64_encode;

TEST_CASE("an import runs with the caller's rights and leaves nothing when they fall short") {
    Harness h({.plugin_folder = CRM_PLUGIN_DIR, .dependency_dirs = {}, .config = nlohmann::json::object()});
    REQUIRE(h.running());
    const nlohmann::json file = {{"file_name", "c.csv"}, {"content_base64", base64_encode("Имя;Телефон\nИван;+7 903 123-45-67\n")}};
    // May create clients and imports, but not the clients' phones.
    h.create_user("clerk", {{{"target", "client"}, {"operation", "create"}, {"scope", "all"}},
                            {{"target", "client"}, {"operation", "read"}, {"scope", "all"}},
                            {{"target", "client_import"}, {"operation", "create"}, {"scope", "all"}},
                            {{"target", "client_phone"}, {"operation", "read"}, {"scope", "all"}},
                            {{"target", "client_email"}, {"operation", "read"}, {"scope", "all"}}});
    auto refused = h.call("POST", "/api/v1/crm/imports", file, "clerk");
    INFO(refused.text);
    CHECK(refused.status == 403);
    CHECK(h.call("GET", "/api/v1/records/client").body["items"].empty());
    CHECK(h.call("GET", "/api/v1/records/client_import").body["items"].empty());
    auto done = h.call("POST", "/api/v1/crm/imports", file);  // the administrator
    INFO(done.text);
    CHECK(done.status == 201);
    CHECK(done.body["created_count"] == 1);
}

TEST_CASE("an export holds only what the caller may read") {
    Harness h({.plugin_folder = CRM_PLUGIN_DIR, .dependency_dirs = {}, .config = nlohmann::json::object()});
    REQUIRE(h.running());
    const auto file = [](const std::string& csv) { return nlohmann::json{{"content_base64", base64_encode(csv)}}; };
    REQUIRE(h.call("POST", "/api/v1/crm/imports", file("Имя;Телефон\nАнна;+7 903 111-22-33\nБорис;\n")).status == 201);
    // Reads and creates only clients they manage (the manager is the importing user).
    h.create_user("seller", {{{"target", "client"}, {"operation", "create"}, {"scope", "own"}},
                             {{"target", "client"}, {"operation", "read"}, {"scope", "own"}},
                             {{"target", "client_import"}, {"operation", "create"}, {"scope", "own"}},
                             {{"target", "client_phone"}, {"operation", "read"}, {"scope", "all"}},
                             {{"target", "client_email"}, {"operation", "read"}, {"scope", "all"}}});
    auto own = h.call("POST", "/api/v1/crm/imports", file("Имя\nВера\n"), "seller");
    INFO(own.text);
    REQUIRE(own.status == 201);
    auto seen = h.call("POST", "/api/v1/crm/exports/clients", {{"fields", {"first_name"}}}, "seller");
    INFO(seen.text);
    REQUIRE(seen.status == 200);
    CHECK(seen.body["rows"] == 1);
    CHECK(orbita::plugins::crm::base64_decode(seen.body["content_base64"].get<std::string>()).value() ==
          "\xEF\xBB\xBF" "first_name\r\nВера\r\n");
    // May read every client but not their phones or e-mails: no such columns.
    h.create_user("viewer", {{{"target", "client"}, {"operation", "read"}, {"scope", "all"}}});
    auto plain = h.call("POST", "/api/v1/crm/exports/clients", {{"fields", {"first_name", "phones", "emails"}}}, "viewer");
    INFO(plain.text);
    REQUIRE(plain.status == 200);
    CHECK(orbita::plugins::crm::base64_decode(plain.body["content_base64"].get<std::string>()).value() ==
          "\xEF\xBB\xBF" "first_name\r\nАнна\r\nБорис\r\nВера\r\n");
}
