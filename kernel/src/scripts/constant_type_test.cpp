// SPDX-License-Identifier: Apache-2.0
#include "scripts/constant_type.hpp"

#include <catch2/catch.hpp>

using orbita::kernel::scripts::ConstantType;
using nlohmann::json;

namespace {
bool ok(const char* type, const json& value) { return !ConstantType::parse(type)->problem(value).has_value(); }
}  // namespace

TEST_CASE("constant names are Latin identifiers without spaces") {
    CHECK(ConstantType::valid_name("ActFormingDate"));
    CHECK(ConstantType::valid_name("IT_Director"));
    CHECK_FALSE(ConstantType::valid_name("Act Forming"));
    CHECK_FALSE(ConstantType::valid_name("1st"));
    CHECK_FALSE(ConstantType::valid_name("Срок"));
    CHECK_FALSE(ConstantType::valid_name(""));
}

TEST_CASE("each constant type accepts exactly its shape") {
    CHECK(ok("string", "Счёт на оплату"));
    CHECK_FALSE(ok("string", "two\nlines"));
    CHECK_FALSE(ok("string", 5));
    CHECK(ok("text", "two\nlines"));
    CHECK(ok("number", 14));
    CHECK(ok("number", 2.5));
    CHECK_FALSE(ok("number", "14"));
    CHECK(ok("bool", true));
    CHECK_FALSE(ok("bool", 1));
    CHECK(ok("date", "2025-05-01"));
    CHECK_FALSE(ok("date", "2025-02-30"));
    CHECK(ok("duration", "P14D"));
    CHECK(ok("duration", "PT2H30M"));
    CHECK_FALSE(ok("duration", "P1M"));
    CHECK_FALSE(ok("duration", "14 days"));
    CHECK(ok("user", 3));
    CHECK_FALSE(ok("user", 0));
    CHECK_FALSE(ok("user", "ivanov"));
    CHECK(ok("users", json::array({1, 2})));
    CHECK_FALSE(ok("users", json::array({1, 1})));
    CHECK(ok("record", json{{"type", "deal"}, {"id", 7}}));
    CHECK_FALSE(ok("record", json{{"type", "deal"}}));
    CHECK(ok("json", json{{"any", {1, 2}}}));
    CHECK_FALSE(ConstantType::parse("money"));
}

TEST_CASE("durations are exposed in seconds") {
    CHECK(ConstantType::duration_seconds("P1DT2H") == 93600);
    CHECK(ConstantType::duration_seconds("P2W") == 14 * 86400);
    CHECK(ConstantType::duration_seconds("PT90S") == 90);
    CHECK_FALSE(ConstantType::duration_seconds("P"));
    CHECK_FALSE(ConstantType::duration_seconds("PT"));
    CHECK_FALSE(ConstantType::duration_seconds("P1H"));
    CHECK(ConstantType::parse("duration")->exposed("PT1M") == 60);
}
