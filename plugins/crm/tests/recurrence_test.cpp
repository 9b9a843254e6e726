// SPDX-License-Identifier: Apache-2.0
#include "datetime_text.hpp"
#include "recurrence.hpp"

#include <catch2/catch.hpp>

using namespace orbita::plugins::crm;

namespace {

std::chrono::sys_seconds at(const std::string& text) { return *parse_datetime(text); }

std::string next_start(const RecurrenceRule& rule, const std::string& start, const std::string& now) {
    auto next = next_occurrence(rule, {at(start), std::nullopt}, at(now));
    return next ? format_datetime(next->start) : "none";
}

}  // namespace

TEST_CASE("completing on time gives the next period's occurrence, keeping the duration") {
    RecurrenceRule weekly{"weekly", 1, std::nullopt};
    auto next = next_occurrence(weekly, {at("2026-11-23T09:00:00Z"), at("2026-11-23T10:30:00Z")}, at("2026-11-23T10:00:00Z"));
    REQUIRE(next);
    CHECK(format_datetime(next->start) == "2026-11-30T09:00:00Z");
    CHECK(format_datetime(*next->end) == "2026-11-30T10:30:00Z");
    CHECK(next_start({"daily", 2, std::nullopt}, "2026-11-23T09:00:00Z", "2026-11-22T00:00:00Z") == "2026-11-25T09:00:00Z");
}

TEST_CASE("a task overdue by years gets one occurrence after now, never one in the past") {
    CHECK(next_start({"daily", 1, std::nullopt}, "2001-01-01T09:00:00Z", "2026-11-23T12:00:00Z") == "2026-11-24T09:00:00Z");
    CHECK(next_start({"weekly", 2, std::nullopt}, "2020-01-06T09:00:00Z", "2026-11-23T12:00:00Z") == "2026-11-30T09:00:00Z");
    CHECK(next_start({"monthly", 1, std::nullopt}, "1990-05-15T09:00:00Z", "2026-11-23T12:00:00Z") == "2026-12-15T09:00:00Z");
}

TEST_CASE("monthly steps keep the day, clamped to short months") {
    CHECK(next_start({"monthly", 1, std::nullopt}, "2026-01-31T09:00:00Z", "2026-01-31T10:00:00Z") == "2026-02-28T09:00:00Z");
    CHECK(next_start({"monthly", 3, std::nullopt}, "2026-11-30T09:00:00Z", "2026-11-30T10:00:00Z") == "2027-02-28T09:00:00Z");
}

TEST_CASE("no occurrence without a rule or after until") {
    CHECK(next_start({"none", 1, std::nullopt}, "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z") == "none");
    CHECK(next_start({"daily", 1, parse_date("2026-11-23")}, "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z") == "none");
    CHECK(next_start({"daily", 1, parse_date("2026-11-24")}, "2026-11-23T09:00:00Z", "2026-11-23T10:00:00Z") == "2026-11-24T09:00:00Z");
}

TEST_CASE("rules are checked before they are stored") {
    const Occurrence first{at("2026-11-23T09:00:00Z"), std::nullopt};
    CHECK(check_recurrence({"weekly", 1, std::nullopt}, first).ok());
    CHECK(check_recurrence({"none", 0, std::nullopt}, std::nullopt).ok());
    CHECK(check_recurrence({"daily", 1, std::nullopt}, std::nullopt).error().message ==
          "a recurring task needs start_at: occurrences are counted from it");
    CHECK(check_recurrence({"daily", 0, std::nullopt}, first).error().code == "invalid-recurrence");
    CHECK(check_recurrence({"daily", 1, parse_date("2026-11-22")}, first).error().message ==
          "recurrence_until is before start_at: the task would never repeat");
    CHECK(check_recurrence({"hourly", 1, std::nullopt}, first).error().status == 422);
}

TEST_CASE("date-times are read as the records API writes them") {
    CHECK(format_datetime(at("2026-11-23T09:30:05.123Z")) == "2026-11-23T09:30:05Z");
    CHECK(format_datetime(at("2026-11-23T09:30:05+00:00")) == "2026-11-23T09:30:05Z");
    CHECK_FALSE(parse_datetime("2026-11-23T09:30:05+03:00"));
    CHECK_FALSE(parse_datetime("2026-02-30T09:30:05Z"));
    CHECK_FALSE(parse_date("2026-13-01"));
}
