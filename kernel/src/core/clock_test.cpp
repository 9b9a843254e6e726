// SPDX-License-Identifier: Apache-2.0
#include "core/clock.hpp"

#include <catch2/catch.hpp>

using namespace orbita::kernel;
using namespace std::chrono_literals;

namespace {

std::string iso(std::string_view text) {
    auto t = parse_iso_datetime(text);
    return t ? format_utc(*t) : "<invalid>";
}

}  // namespace

TEST_CASE("format_utc writes milliseconds and Z") {
    CHECK(format_utc(TimePoint{}) == "1970-01-01T00:00:00.000Z");
    CHECK(format_utc(TimePoint{} + 86400s + 1500ms) == "1970-01-02T00:00:01.500Z");
}

TEST_CASE("parse_iso_datetime accepts ISO 8601 with a zone") {
    CHECK(iso("2024-03-15T09:30:00Z") == "2024-03-15T09:30:00.000Z");
    CHECK(iso("2024-03-15T09:30Z") == "2024-03-15T09:30:00.000Z");
    CHECK(iso("2024-03-15 09:30:00Z") == "2024-03-15T09:30:00.000Z");
    CHECK(iso("2024-03-15T12:30:00+03:00") == "2024-03-15T09:30:00.000Z");
    CHECK(iso("2024-03-15T12:30:00+0300") == "2024-03-15T09:30:00.000Z");
    CHECK(iso("2024-03-15T04:30:00-05:00") == "2024-03-15T09:30:00.000Z");
    CHECK(iso("2024-03-15T01:00:00+03:00") == "2024-03-14T22:00:00.000Z");
    CHECK(iso("2024-03-15T09:30:00.5Z") == "2024-03-15T09:30:00.500Z");
    CHECK(iso("2024-03-15T09:30:00.123456789Z") == "2024-03-15T09:30:00.123Z");
    CHECK(iso("2024-02-29T00:00:00Z") == "2024-02-29T00:00:00.000Z");
}

TEST_CASE("parse_iso_datetime refuses ambiguous or impossible times") {
    for (const char* bad : {"2024-03-15T09:30:00",      // no zone: never guessed
                            "2024-03-15",               // a date, not a date-time
                            "2023-02-29T00:00:00Z",     // not a leap year
                            "2024-13-01T00:00:00Z",     // month 13
                            "2024-03-15T24:00:00Z",     // hour 24
                            "2024-03-15T09:60:00Z",     // minute 60
                            "2024-03-15T09:30:61Z",     // second 61
                            "2024-03-15T09:30:00+25:00",  // offset out of range
                            "15.03.2024 09:30",         // local format
                            "2024-03-15T09:30:00Zjunk", "", "now"}) {
        INFO(bad);
        CHECK_FALSE(parse_iso_datetime(bad));
    }
}

TEST_CASE("is_valid_iso_date checks the calendar") {
    CHECK(is_valid_iso_date("2024-02-29"));
    CHECK(is_valid_iso_date("2000-02-29"));
    CHECK_FALSE(is_valid_iso_date("1900-02-29"));
    CHECK_FALSE(is_valid_iso_date("2023-02-29"));
    CHECK_FALSE(is_valid_iso_date("2024-04-31"));
    CHECK_FALSE(is_valid_iso_date("2024-1-01"));
    CHECK_FALSE(is_valid_iso_date("2024-01-01T00:00:00Z"));
    CHECK_FALSE(is_valid_iso_date("29.02.2024"));
}

TEST_CASE("normalize_time_of_day writes HH:MM:SS") {
    CHECK(normalize_time_of_day("09:30") == std::optional<std::string>("09:30:00"));
    CHECK(normalize_time_of_day("23:59:59") == std::optional<std::string>("23:59:59"));
    CHECK(normalize_time_of_day("00:00") == std::optional<std::string>("00:00:00"));
    CHECK_FALSE(normalize_time_of_day("24:00"));
    CHECK_FALSE(normalize_time_of_day("9:30"));
    CHECK_FALSE(normalize_time_of_day("09:30:60"));
    CHECK_FALSE(normalize_time_of_day("09:30pm"));
}

TEST_CASE("ManualClock moves only when told to") {
    ManualClock clock(TimePoint{} + 1000s);
    CHECK(format_utc(clock.now()) == "1970-01-01T00:16:40.000Z");
    clock.advance(1500ms);
    CHECK(format_utc(clock.now()) == "1970-01-01T00:16:41.500Z");
    clock.set(TimePoint{});
    CHECK(clock.now() == TimePoint{});
}
