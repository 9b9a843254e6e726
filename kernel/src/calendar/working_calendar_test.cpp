// SPDX-License-Identifier: Apache-2.0
#include "calendar/working_calendar.hpp"

#include "core/resources.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace std::chrono_literals;
using orbita::kernel::TimePoint;
using orbita::kernel::format_utc;
using orbita::kernel::parse_iso_datetime;
using orbita::kernel::calendar::CalendarDefinition;
using orbita::kernel::calendar::WorkingCalendar;

namespace {

// The shipped Russian production calendar (Moscow, UTC+3 all year).
WorkingCalendar russian() {
    return WorkingCalendar(CalendarDefinition::parse(
        nlohmann::json::parse(orbita::kernel::resource("kernel/calendar/ru-production.calendar.json"))));
}

TimePoint at(const char* iso) { return *parse_iso_datetime(iso); }
std::string msk(TimePoint t) { return format_utc(t); }

}  // namespace

TEST_CASE("working hours: weekdays 09-13 and 14-18 Moscow time, weekends off", "[calendar]") {
    const auto cal = russian();
    CHECK(cal.is_working(at("2025-03-12T09:00:00+03:00")));  // Wednesday
    CHECK(cal.is_working(at("2025-03-12T12:59:59+03:00")));
    CHECK_FALSE(cal.is_working(at("2025-03-12T13:30:00+03:00")));  // lunch
    CHECK_FALSE(cal.is_working(at("2025-03-12T18:00:00+03:00")));  // the end is exclusive
    CHECK_FALSE(cal.is_working(at("2025-03-12T08:59:00+03:00")));
    CHECK_FALSE(cal.is_working(at("2025-03-15T10:00:00+03:00")));  // Saturday
    CHECK(cal.is_working(at("2025-03-12T06:30:00Z")));              // 09:30 in Moscow
}

TEST_CASE("holidays and transferred days of 2025", "[calendar]") {
    const auto cal = russian();
    CHECK_FALSE(cal.is_working(at("2025-01-08T10:00:00+03:00")));  // New Year holidays, a Wednesday
    CHECK(cal.is_working(at("2025-01-09T10:00:00+03:00")));
    CHECK_FALSE(cal.is_working(at("2025-05-02T10:00:00+03:00")));  // transferred from 4 January
    CHECK_FALSE(cal.is_working(at("2025-05-08T10:00:00+03:00")));
    CHECK_FALSE(cal.is_working(at("2025-06-13T10:00:00+03:00")));
    CHECK_FALSE(cal.is_working(at("2025-11-03T10:00:00+03:00")));  // Monday off for Saturday 1 November
    CHECK_FALSE(cal.is_working(at("2025-12-31T10:00:00+03:00")));
    CHECK(cal.is_working(at("2025-11-01T10:00:00+03:00")));        // Saturday worked
    CHECK(cal.is_working(at("2025-11-01T16:59:00+03:00")));        // ... and one hour shorter
    CHECK_FALSE(cal.is_working(at("2025-11-01T17:00:00+03:00")));
    CHECK_FALSE(cal.is_working(at("2025-03-07T17:30:00+03:00")));  // pre-holiday Friday ends at 17:00
    CHECK(cal.is_working(at("2025-02-24T10:00:00+03:00")));        // 23 February 2025 was moved to 8 May
}

TEST_CASE("a year has the official number of working days", "[calendar]") {
    const auto cal = russian();
    // 247 working days in 2025 and in 2026 (production calendars of the Ministry of Labour).
    CHECK(cal.working_days_between(at("2024-12-31T12:00:00+03:00"), at("2025-12-31T12:00:00+03:00")) == 247);
    CHECK(cal.working_days_between(at("2025-12-31T12:00:00+03:00"), at("2026-12-31T12:00:00+03:00")) == 247);
}

TEST_CASE("add_working counts only working time", "[calendar]") {
    const auto cal = russian();
    // Within a morning.
    CHECK(msk(cal.add_working(at("2025-03-12T09:00:00+03:00"), 2h)) == "2025-03-12T08:00:00.000Z");
    // Ends exactly at lunch: the end of the interval, not the afternoon start.
    CHECK(msk(cal.add_working(at("2025-03-12T09:00:00+03:00"), 4h)) == "2025-03-12T10:00:00.000Z");
    // Over lunch: 12:00 + 2h = 15:00.
    CHECK(msk(cal.add_working(at("2025-03-12T12:00:00+03:00"), 2h)) == "2025-03-12T12:00:00.000Z");
    // Friday 17:00 + 2h crosses the weekend: Monday 10:00.
    CHECK(msk(cal.add_working(at("2025-03-14T17:00:00+03:00"), 2h)) == "2025-03-17T07:00:00.000Z");
    // Started on a Saturday night: counting starts Monday 09:00.
    CHECK(msk(cal.add_working(at("2025-03-15T23:00:00+03:00"), 30min)) == "2025-03-17T06:30:00.000Z");
    // Wednesday 30 April 2025 (short, ends 17:00) 16:00 + 3h: 1-4 May off, Monday 5 May 11:00.
    CHECK(msk(cal.add_working(at("2025-04-30T16:00:00+03:00"), 3h)) == "2025-05-05T08:00:00.000Z");
    // Friday 31 October 2025 17:00 + 2h: 1 hour left Friday, the transferred Saturday
    // 1 November gives the second, so 10:00 on Saturday.
    CHECK(msk(cal.add_working(at("2025-10-31T17:00:00+03:00"), 2h)) == "2025-11-01T07:00:00.000Z");
    // Saturday 1 November 16:30 + 1h: 30 min Saturday (short day ends 17:00), 3-4
    // November off, Wednesday 5 November 09:30.
    CHECK(msk(cal.add_working(at("2025-11-01T16:30:00+03:00"), 1h)) == "2025-11-05T06:30:00.000Z");
    // The New Year holidays: 30 December 2025 17:00 + 2h -> Monday 12 January 2026 10:00.
    CHECK(msk(cal.add_working(at("2025-12-30T17:00:00+03:00"), 2h)) == "2026-01-12T07:00:00.000Z");
    CHECK(msk(cal.add_working(at("2025-03-12T10:00:00+03:00"), 0ms)) == "2025-03-12T07:00:00.000Z");
    CHECK_THROWS_AS(cal.add_working(at("2025-03-12T10:00:00+03:00"), -1ms), std::invalid_argument);
}

TEST_CASE("working days between dates and N working days later", "[calendar]") {
    const auto cal = russian();
    CHECK(cal.working_days_between(at("2025-03-14T10:00:00+03:00"), at("2025-03-17T10:00:00+03:00")) == 1);
    CHECK(cal.working_days_between(at("2025-03-17T10:00:00+03:00"), at("2025-03-14T10:00:00+03:00")) == -1);
    CHECK(cal.working_days_between(at("2025-03-14T10:00:00+03:00"), at("2025-03-14T23:00:00+03:00")) == 0);
    // Late evening UTC is already the next day in Moscow.
    CHECK(cal.working_days_between(at("2025-03-12T10:00:00+03:00"), at("2025-03-12T22:00:00Z")) == 1);
    // May 2025: 1-4 and 8-11 off. From Wednesday 30 April to Monday 12 May: 5, 6, 7, 12.
    CHECK(cal.working_days_between(at("2025-04-30T10:00:00+03:00"), at("2025-05-12T10:00:00+03:00")) == 4);
    // 15 working days from Friday 24 October 2025 (Saturday 1 Nov worked, 3-4 Nov off):
    // 27-31 Oct, 1 Nov, 5-7 Nov, 10-14 Nov, 17 Nov.
    const auto booking = cal.add_working_days(at("2025-10-24T15:00:00+03:00"), 15);
    CHECK(msk(booking) == "2025-11-17T12:00:00.000Z");
    CHECK(cal.working_days_between(at("2025-10-24T15:00:00+03:00"), booking) == 15);
    CHECK(msk(cal.add_working_days(at("2025-10-24T15:00:00+03:00"), 0)) == "2025-10-24T12:00:00.000Z");
}

TEST_CASE("a calendar without working time fails instead of looping", "[calendar]") {
    auto def = CalendarDefinition::parse({{"time_zone", "UTC"}, {"week", nlohmann::json::object()}});
    const WorkingCalendar cal(def);
    CHECK_THROWS_AS(cal.add_working(at("2025-03-12T10:00:00Z"), 1h), std::runtime_error);
    CHECK_FALSE(cal.is_working(at("2025-03-12T10:00:00Z")));
}

TEST_CASE("calendar definitions are validated field by field", "[calendar]") {
    try {
        CalendarDefinition::parse({{"time_zone", "Mars/Olympus"},
                                   {"week", {{"mon", {"18:00-09:00"}}, {"tue", {"09:00-12:00", "11:00-13:00"}}, {"funday", {}}}},
                                   {"short_day_minutes", -5},
                                   {"days", {{"2025-02-30", "holiday"}, {"2025-03-01", "party"}}},
                                   {"colour", "red"}});
        FAIL("accepted");
    } catch (const orbita::kernel::Problem& p) {
        CHECK(p.status() == 422);
        std::set<std::string> fields;
        for (const auto& e : p.errors()) fields.insert(e.field);
        CHECK(fields == std::set<std::string>{"time_zone", "week.mon", "week.tue", "week.funday", "short_day_minutes",
                                              "days.2025-02-30", "days.2025-03-01", "colour"});
    }
    const auto round_trip = CalendarDefinition::parse(
        nlohmann::json::parse(orbita::kernel::resource("kernel/calendar/ru-production.calendar.json")));
    CHECK(CalendarDefinition::parse(round_trip.to_json()).to_json() == round_trip.to_json());
}
