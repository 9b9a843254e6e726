// SPDX-License-Identifier: Apache-2.0
#include "party_rules.hpp"
#include "record_write.hpp"

#include <catch2/catch.hpp>

using namespace orbita::plugins::crm;
using nlohmann::json;

TEST_CASE("a client as stored needs a last or first name") {
    CHECK(check_client_name({{"first_name", "Анна"}}).ok());
    CHECK(check_client_name({{"last_name", " Иванов "}}).ok());
    for (const auto& client : {json{{"middle_name", "Петрович"}}, json{{"last_name", "  "}, {"first_name", nullptr}}, json::object()}) {
        auto checked = check_client_name(client);
        REQUIRE_FALSE(checked.ok());
        CHECK(checked.error().code == "name-required");
        CHECK(checked.error().status == 422);
    }
}

TEST_CASE("an organisation as stored needs a name or a valid INN") {
    CHECK(check_organization({{"name", "ООО Ромашка"}}).ok());
    CHECK(check_organization({{"inn", "7707083893"}}).ok());
    CHECK(check_organization({{"kpp", "773601001"}}).error().code == "name-or-inn-required");
    CHECK(check_organization({{"name", " "}, {"inn", nullptr}}).error().code == "name-or-inn-required");
    CHECK(check_organization({{"name", "ООО"}, {"inn", "7707083894"}}).error().code == "invalid-inn");
}

TEST_CASE("a write hook sees the record as it will be") {
    orbita::sdk::RecordWrite create{"client", 0, nullptr, {{"first_name", "  Анна "}}};
    CHECK(sets_any(create, {"last_name"}));  // a create sets every field
    trim_text_fields(create, {"first_name", "last_name"});
    CHECK(create.fields == json{{"first_name", "Анна"}});

    orbita::sdk::RecordWrite update{"client", 7, {{"id", 7}, {"first_name", "Анна"}, {"last_name", "Смирнова"}}, {{"last_name", nullptr}}};
    CHECK(sets_any(update, {"last_name", "first_name"}));
    CHECK_FALSE(sets_any(update, {"middle_name"}));
    CHECK(after_write(update) == json{{"id", 7}, {"first_name", "Анна"}, {"last_name", nullptr}});

    auto refusal = rejection(orbita::sdk::fail("invalid-inn", "the INN 1 has a wrong check digit", 422), "inn");
    CHECK(refusal.status == 422);
    CHECK(refusal.code == "invalid-inn");
    REQUIRE(refusal.errors.size() == 1);
    CHECK(refusal.errors[0].field == "inn");
}
