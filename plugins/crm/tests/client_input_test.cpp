// SPDX-License-Identifier: Apache-2.0
#include "client_input.hpp"

#include <catch2/catch.hpp>

using namespace orbita::plugins::crm;

TEST_CASE("a client draft splits fields from phones and e-mails") {
    auto draft = read_client_draft({{"last_name", "  Иванов "}, {"first_name", "Сергей"}, {"phones", {"8 916 123-45-67", " +7 903 1 "}},
                                    {"emails", {"S.Ivanov@Example.RU"}}, {"birth_date", "1980-02-03"}});
    REQUIRE(draft.ok());
    CHECK(draft.value().fields == nlohmann::json{{"last_name", "Иванов"}, {"first_name", "Сергей"}, {"birth_date", "1980-02-03"}});
    CHECK(draft.value().phones == std::vector<std::string>{"8 916 123-45-67", "+7 903 1"});
    CHECK(draft.value().emails == std::vector<std::string>{"s.ivanov@example.ru"});
    CHECK_FALSE(draft.value().allow_duplicates);
}

TEST_CASE("a client needs a last or first name") {
    for (const auto& body : {nlohmann::json{{"middle_name", "Петрович"}}, nlohmann::json{{"last_name", "   "}},
                             nlohmann::json::object(), nlohmann::json{{"first_name", nullptr}}}) {
        auto draft = read_client_draft(body);
        REQUIRE_FALSE(draft.ok());
        CHECK(draft.error().code == "name-required");
        CHECK(draft.error().status == 422);
    }
    CHECK(read_client_draft({{"first_name", "Анна"}}).ok());
}

TEST_CASE("malformed phone and e-mail lists are named") {
    CHECK(read_client_draft({{"first_name", "A"}, {"phones", "8916"}}).error().message == "phones must be an array of strings");
    CHECK(read_client_draft({{"first_name", "A"}, {"phones", {"1", 2}}}).error().message == "phones[1] must be a non-empty string");
    CHECK(read_client_draft({{"first_name", "A"}, {"emails", {""}}}).error().message == "emails[0] must be a non-empty string");
    CHECK(read_client_draft({{"first_name", "A"}, {"phones", std::vector<std::string>(21, "1")}}).error().message ==
          "phones holds at most 20 entries");
    CHECK(read_client_draft({{"first_name", "A"}, {"allow_duplicates", "yes"}}).error().code == "invalid-input");
    CHECK(read_client_draft(nlohmann::json::array()).error().code == "invalid-input");
}
