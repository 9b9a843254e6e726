// SPDX-License-Identifier: Apache-2.0
#include "calendar/calendar_definition.hpp"

#include "core/clock.hpp"

#include <date/tz.h>

#include <algorithm>
#include <cstdio>

namespace orbita::kernel::calendar {

namespace {

constexpr std::array<const char*, 7> kWeekdays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr std::array<std::pair<DayKind, const char*>, 4> kKinds = {
    {{DayKind::Holiday, "holiday"}, {DayKind::Working, "working"}, {DayKind::Short, "short"}, {DayKind::WorkingShort, "working_short"}}};

// "HH:MM" -> minutes; "24:00" is allowed as an end.
std::optional<int> minutes(const std::string& text) {
    if (text == "24:00") return 24 * 60;
    auto t = normalize_time_of_day(text);
    if (!t || text.size() != 5) return std::nullopt;
    return std::stoi(t->substr(0, 2)) * 60 + std::stoi(t->substr(3, 2));
}

std::string hhmm(int m) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", m / 60, m % 60);
    return buf;
}

std::vector<WorkInterval> parse_day(const nlohmann::json& list, const std::string& field, std::vector<FieldError>& errors) {
    std::vector<WorkInterval> out;
    if (!list.is_array()) {
        errors.push_back({field, "invalid_type", "must be a list of \"HH:MM-HH:MM\" intervals"});
        return out;
    }
    for (const auto& item : list) {
        const std::string text = item.is_string() ? item.get<std::string>() : item.dump();
        const auto dash = text.find('-');
        const auto from = dash == std::string::npos ? std::nullopt : minutes(text.substr(0, dash));
        const auto to = dash == std::string::npos ? std::nullopt : minutes(text.substr(dash + 1));
        if (!item.is_string() || !from || !to || *from >= *to) {
            errors.push_back({field, "invalid_interval", "'" + text + "' is not an interval \"HH:MM-HH:MM\" with start before end"});
        } else if (!out.empty() && *from < out.back().end_minute) {
            errors.push_back({field, "overlapping_intervals", "intervals must be in order and must not overlap"});
        } else {
            out.push_back({*from, *to});
        }
    }
    return out;
}

}  // namespace

std::optional<DayKind> CalendarDefinition::parse_kind(const std::string& text) {
    for (const auto& [kind, name] : kKinds) {
        if (text == name) return kind;
    }
    return std::nullopt;
}

std::string CalendarDefinition::kind_name(DayKind kind) {
    for (const auto& [k, name] : kKinds) {
        if (k == kind) return name;
    }
    return "holiday";
}

CalendarDefinition CalendarDefinition::parse(const nlohmann::json& doc) {
    if (!doc.is_object()) throw Problem::validation({{"", "invalid_type", "a calendar is a JSON object"}});
    CalendarDefinition c;
    std::vector<FieldError> errors;
    for (const auto& [key, value] : doc.items()) {
        if (key != "description" && key != "time_zone" && key != "week" && key != "short_day_minutes" && key != "days")
            errors.push_back({key, "unknown_field", "calendars have description, time_zone, week, short_day_minutes and days"});
    }
    if (doc.contains("description")) {
        if (doc["description"].is_string()) c.description = doc["description"];
        else errors.push_back({"description", "invalid_type", "must be text"});
    }
    if (doc.contains("time_zone")) {
        try {
            c.time_zone = doc["time_zone"].get<std::string>();
            date::locate_zone(c.time_zone);
        } catch (const std::exception&) {
            errors.push_back({"time_zone", "unknown_time_zone", "must be an IANA time zone such as Europe/Moscow"});
        }
    }
    const auto week = doc.value("week", nlohmann::json::object());
    if (!week.is_object()) errors.push_back({"week", "invalid_type", "must be an object with mon..sun"});
    for (std::size_t i = 0; i < kWeekdays.size(); ++i) {
        if (week.is_object() && week.contains(kWeekdays[i]))
            c.week[i] = parse_day(week[kWeekdays[i]], std::string("week.") + kWeekdays[i], errors);
    }
    if (week.is_object()) {
        for (const auto& [key, value] : week.items()) {
            if (std::find(kWeekdays.begin(), kWeekdays.end(), key) == kWeekdays.end())
                errors.push_back({"week." + key, "unknown_field", "weekdays are mon, tue, wed, thu, fri, sat, sun"});
        }
    }
    if (doc.contains("short_day_minutes")) {
        const auto& m = doc["short_day_minutes"];
        if (!m.is_number_integer() || m.get<int>() < 0 || m.get<int>() > 480) {
            errors.push_back({"short_day_minutes", "invalid_value", "must be an integer from 0 to 480"});
        } else {
            c.short_day_minutes = m;
        }
    }
    const auto days = doc.value("days", nlohmann::json::object());
    if (!days.is_object()) errors.push_back({"days", "invalid_type", "must map YYYY-MM-DD to a day kind"});
    const auto day_entries = days.is_object() ? days : nlohmann::json::object();
    for (const auto& [day, kind] : day_entries.items()) {
        const auto k = kind.is_string() ? parse_kind(kind.get<std::string>()) : std::nullopt;
        if (!is_valid_iso_date(day)) {
            errors.push_back({"days." + day, "invalid_date", "'" + day + "' is not a date YYYY-MM-DD"});
        } else if (!k) {
            errors.push_back({"days." + day, "invalid_kind", "must be holiday, working, short or working_short"});
        } else {
            c.days[day] = *k;
        }
    }
    if (!errors.empty()) throw Problem::validation(std::move(errors));
    return c;
}

nlohmann::json CalendarDefinition::to_json() const {
    nlohmann::json week_json = nlohmann::json::object();
    for (std::size_t i = 0; i < kWeekdays.size(); ++i) {
        auto list = nlohmann::json::array();
        for (const auto& iv : week[i]) list.push_back(hhmm(iv.start_minute) + "-" + hhmm(iv.end_minute));
        week_json[kWeekdays[i]] = std::move(list);
    }
    nlohmann::json days_json = nlohmann::json::object();
    for (const auto& [day, kind] : days) days_json[day] = kind_name(kind);
    return {{"description", description},
            {"time_zone", time_zone},
            {"week", std::move(week_json)},
            {"short_day_minutes", short_day_minutes},
            {"days", std::move(days_json)}};
}

}  // namespace orbita::kernel::calendar
