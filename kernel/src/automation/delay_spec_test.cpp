// SPDX-License-Identifier: Apache-2.0
// Robot delays: every kind against the shipped Russian production calendar (Moscow time).
#include "automation/delay_spec.hpp"

#include "calendar/calendar_definition.hpp"
#include "calendar/working_calendar.hpp"
#include "core/resources.hpp"
#include "entity/entity_type.hpp"

#include <catch2/catch.hpp>

using namespace orbita::kernel;
using namespace orbita::kernel::automation;
using nlohmann::json;

namespace {

calendar::WorkingCalendar russian() {
    return calendar::WorkingCalendar(calendar::CalendarDefinition::parse(
        json::parse(resource("kernel/calendar/ru-production.calendar.json"))));
}

entity::FieldDef field(const char* name, entity::FieldType type) {
    entity::FieldDef f;
    f.name = name;
    f.type = type;
    return f;
}

entity::EntityType deal() {
    return entity::EntityType("deal", {field("title", entity::FieldType::String), field("due_date", entity::FieldType::Date),
                                       field("close_at", entity::FieldType::DateTime)});
}

DelaySpec parse(const json& j) {
    std::vector<FieldError> errors;
    auto d = DelaySpec::parse(j, deal(), errors);
    INFO(j.dump());
    REQUIRE(errors.empty());
    return d;
}

std::vector<FieldError> refused(const json& j) {
    std::vector<FieldError> errors;
    DelaySpec::parse(j, deal(), errors);
    return errors;
}

bool has(const std::vector<FieldError>& errors, const std::string& field, const std::string& code) {
    for (const auto& e : errors) {
        if (e.field == field && e.code == code) return true;
    }
    return false;
}

std::string due(const json& spec, const char* entered, const json& record = json::object()) {
    const auto r = compute_due(parse(spec), *parse_iso_datetime(entered), record, russian(), "Europe/Moscow");
    return r.at ? format_utc(*r.at) : "problem: " + r.problem;
}

}  // namespace

TEST_CASE("a delay of none or calendar time counts from the stage entry", "[automation]") {
    CHECK(due(nullptr, "2025-03-12T10:00:00+03:00") == "2025-03-12T07:00:00.000Z");
    CHECK(due({{"kind", "none"}}, "2025-03-12T10:00:00Z") == "2025-03-12T10:00:00.000Z");
    CHECK(due({{"kind", "after"}, {"amount", 30}, {"unit", "minutes"}}, "2025-03-12T10:00:00Z") == "2025-03-12T10:30:00.000Z");
    CHECK(due({{"kind", "after"}, {"amount", 2}, {"unit", "hours"}}, "2025-03-12T23:00:00Z") == "2025-03-13T01:00:00.000Z");
    // Calendar days ignore weekends and holidays.
    CHECK(due({{"kind", "after"}, {"amount", 3}, {"unit", "days"}}, "2025-05-07T10:00:00Z") == "2025-05-10T10:00:00.000Z");
}

TEST_CASE("working hours and days skip a weekend and the May holidays", "[automation]") {
    // Wednesday 7 May 2025, 16:00 Moscow: two hours are left that day; 8-9 May are
    // holidays, 10-11 May the weekend; the other two hours are Monday 12 May 09:00-11:00.
    CHECK(due({{"kind", "working"}, {"amount", 4}, {"unit", "hours"}}, "2025-05-07T16:00:00+03:00") == "2025-05-12T08:00:00.000Z");
    CHECK(due({{"kind", "working"}, {"amount", 90}, {"unit", "minutes"}}, "2025-05-07T17:00:00+03:00") == "2025-05-12T06:30:00.000Z");
    // Entering outside working hours counts from the next working moment (Saturday -> Monday 09:00).
    CHECK(due({{"kind", "working"}, {"amount", 1}, {"unit", "hours"}}, "2025-03-15T12:00:00+03:00") == "2025-03-17T07:00:00.000Z");
    // One working day from Wednesday 7 May 10:00 is Monday 12 May 10:00; two are Tuesday.
    CHECK(due({{"kind", "working"}, {"amount", 1}, {"unit", "days"}}, "2025-05-07T10:00:00+03:00") == "2025-05-12T07:00:00.000Z");
    CHECK(due({{"kind", "working"}, {"amount", 2}, {"unit", "days"}}, "2025-05-07T10:00:00+03:00") == "2025-05-13T07:00:00.000Z");
    // Friday to Monday across a plain weekend.
    CHECK(due({{"kind", "working"}, {"amount", 1}, {"unit", "days"}}, "2025-03-14T15:00:00+03:00") == "2025-03-17T12:00:00.000Z");
}

TEST_CASE("a delay relative to a date field of the record", "[automation]") {
    const json record = {{"due_date", "2025-06-20"}, {"close_at", "2025-06-20T12:00:00.000Z"}, {"title", "x"}};
    // Three days before a date: that day at midnight Moscow, or at the given time.
    CHECK(due({{"kind", "relative"}, {"field", "due_date"}, {"direction", "before"}, {"amount", 3}, {"unit", "days"}},
              "2025-06-01T00:00:00Z", record) == "2025-06-16T21:00:00.000Z");
    CHECK(due({{"kind", "relative"}, {"field", "due_date"}, {"direction", "before"}, {"amount", 3}, {"unit", "days"}, {"time", "10:00"}},
              "2025-06-01T00:00:00Z", record) == "2025-06-17T07:00:00.000Z");
    CHECK(due({{"kind", "relative"}, {"field", "close_at"}, {"direction", "after"}, {"amount", 2}, {"unit", "hours"}},
              "2025-06-01T00:00:00Z", record) == "2025-06-20T14:00:00.000Z");
    // A moment already past runs at once; an empty field cannot be waited for.
    CHECK(due({{"kind", "relative"}, {"field", "close_at"}, {"direction", "before"}, {"amount", 0}, {"unit", "days"}},
              "2025-07-01T00:00:00Z", record) == "2025-07-01T00:00:00.000Z");
    CHECK(due({{"kind", "relative"}, {"field", "due_date"}, {"direction", "after"}, {"amount", 1}, {"unit", "days"}},
              "2025-06-01T00:00:00Z", json::object()) == "problem: field 'due_date' is empty");
}

TEST_CASE("until a time of day, on working days if asked", "[automation]") {
    CHECK(due({{"kind", "until_time"}, {"time", "09:30"}}, "2025-03-12T08:00:00+03:00") == "2025-03-12T06:30:00.000Z");
    CHECK(due({{"kind", "until_time"}, {"time", "09:30"}}, "2025-03-12T10:00:00+03:00") == "2025-03-13T06:30:00.000Z");
    // Wednesday 7 May after 09:30: the next working day is Monday 12 May.
    CHECK(due({{"kind", "until_time"}, {"time", "09:30"}, {"working_days_only", true}}, "2025-05-07T10:00:00+03:00") ==
          "2025-05-12T06:30:00.000Z");
    CHECK(due({{"kind", "until_time"}, {"time", "09:30"}}, "2025-05-07T10:00:00+03:00") == "2025-05-08T06:30:00.000Z");
}

TEST_CASE("bad delays are refused with the key at fault", "[automation]") {
    CHECK(has(refused({{"kind", "after"}, {"unit", "hours"}}), "delay.amount", "required"));
    CHECK(has(refused({{"kind", "after"}, {"amount", 0}, {"unit", "hours"}}), "delay.amount", "too_small"));
    CHECK(has(refused({{"kind", "working"}, {"amount", 3}}), "delay.unit", "required"));
    CHECK(has(refused({{"kind", "none"}, {"amount", 3}}), "delay.amount", "not_applicable"));
    CHECK(has(refused({{"kind", "relative"}, {"field", "titel"}, {"direction", "after"}, {"amount", 1}, {"unit", "days"}}),
              "delay.field", "unknown_field"));
    CHECK(has(refused({{"kind", "relative"}, {"field", "title"}, {"direction", "after"}, {"amount", 1}, {"unit", "days"}}),
              "delay.field", "not_a_date"));
    CHECK(has(refused({{"kind", "relative"}, {"field", "due_date"}, {"amount", 1}, {"unit", "days"}}), "delay.direction", "required"));
    CHECK(has(refused({{"kind", "relative"}, {"field", "close_at"}, {"direction", "after"}, {"amount", 1}, {"unit", "days"}, {"time", "10:00"}}),
              "delay.time", "not_applicable"));
    CHECK(has(refused({{"kind", "until_time"}}), "delay.time", "required"));
    CHECK(has(refused({{"kind", "until_time"}, {"time", "25:00"}}), "delay.time", "invalid"));
    // What it stores reads back the same.
    const json spec = {{"kind", "relative"}, {"field", "due_date"}, {"direction", "before"}, {"amount", 3}, {"unit", "days"}, {"time", "10:00"}};
    CHECK(parse(spec).to_json() == spec);
}
