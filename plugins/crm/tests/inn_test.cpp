// SPDX-License-Identifier: Apache-2.0
#include "inn.hpp"

#include <catch2/catch.hpp>

using orbita::plugins::crm::validate_inn;

TEST_CASE("valid INNs of organisations and individuals pass") {
    for (const char* inn : {"7707083893", "7736207543", "7710140679", "7740000076", "500100732259", "773173084809"}) {
        INFO(inn);
        CHECK(validate_inn(inn).ok());
    }
}

TEST_CASE("a wrong check digit, a wrong length or other characters are refused with a reason") {
    auto wrong = validate_inn("7707083894");
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().code == "invalid-inn");
    CHECK(wrong.error().status == 422);
    CHECK(wrong.error().message == "the INN 7707083894 has a wrong check digit");
    CHECK(validate_inn("500100732258").error().message == "the INN 500100732258 has a wrong check digit");
    CHECK(validate_inn("500100732269").error().code == "invalid-inn");  // first of the two check digits wrong
    CHECK(validate_inn("77070838").error().message == "an INN has 10 digits (organisation) or 12 (individual), '77070838' has 8");
    CHECK(validate_inn("77070 8389").error().message == "an INN has only digits, '77070 8389' has others");
    CHECK_FALSE(validate_inn("").ok());
}
