// SPDX-License-Identifier: Apache-2.0
#include "automation/delay_spec.hpp"

#include "calendar/working_calendar.hpp"
#include "core/nearest_name.hpp"
#include "entity/entity_type.hpp"

#include <date/tz.h>

#include <cctype>
#include <cstdlib>
#include <set>
#include <sstream>

namespace orbita::kernel::automation {

namespace {

using namespace std::chrono;

const char* const kKinds[] = {"none", "after", "working", "relative", "until_time"};
const char* const kUnits[] = {"minutes", "hours", "days"};

// The keys each kind takes (besides "kind"); the rest "do not apply".
std::set<std::string> keys_of(DelayKind kind) {
    switch (kind) {
        case DelayKind::None: return {};
        case DelayKind::After: return {"amount", "unit"};
        case DelayKind::Working: return {"amount", "unit"};
        case DelayKind::Relative: return {"amount", "unit", "field", "direction", "time"};
        case DelayKind::UntilTime: return {"time", "working_days_only"};
    }
    return {};
}

minutes unit_length(DelayUnit unit) {
    switch (unit) {
        case DelayUnit::Minutes: return minutes(1);
        case DelayUnit::Hours: return hours(1);
        case DelayUnit::Days: return hours(24);
    }
    return minutes(1);
}

std::optional<int> parse_time(const std::string& text) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    const int h = std::atoi(text.substr(0, 2).c_str()), m = std::atoi(text.substr(3).c_str());
    if (h < 0 || h > 23 || m < 0 || m > 59 || !std::isdigit(static_cast<unsigned char>(text[0]))) return std::nullopt;
    return h * 60 + m;
}

std::string format_time(int minute_of_day) {
    const auto two = [](int n) { return std::string(n < 10 ? "0" : "") + std::to_string(n); };
    return two(minute_of_day / 60) + ":" + two(minute_of_day % 60);
}

// A local date and minute of day in `zone` as a UTC instant.
TimePoint at_local(const date::time_zone* zone, date::sys_days day, int minute_of_day) {
    const auto local = date::local_days(day.time_since_epoch()) + minutes(minute_of_day);
    return date::make_zoned(zone, local, date::choose::earliest).get_sys_time();
}

}  // namespace

DelaySpec DelaySpec::parse(const nlohmann::json& j, const entity::EntityType& type, std::vector<FieldError>& errors) {
    DelaySpec d;
    if (j.is_null()) return d;
    const auto error = [&](const std::string& key, const std::string& code, const std::string& message) {
        errors.push_back({"delay" + (key.empty() ? "" : "." + key), code, message});
    };
    const std::string kind = j.value("kind", std::string("none"));
    for (int i = 0; i < 5; ++i) {
        if (kind == kKinds[i]) d.kind = static_cast<DelayKind>(i);
    }
    const auto allowed = keys_of(d.kind);
    for (const auto& [key, _] : j.items()) {
        if (key != "kind" && !allowed.count(key)) error(key, "not_applicable", "does not apply to a delay of kind " + kind);
    }
    const bool needs_amount = d.kind == DelayKind::After || d.kind == DelayKind::Working || d.kind == DelayKind::Relative;
    if (needs_amount) {
        if (!j.contains("amount")) error("amount", "required", "how many " + j.value("unit", std::string("units")));
        d.amount = j.value("amount", 0);
        if ((d.kind == DelayKind::After || d.kind == DelayKind::Working) && j.contains("amount") && d.amount < 1)
            error("amount", "too_small", "a delay of kind " + kind + " needs an amount of at least 1 (use kind none to run at once)");
        if (!j.contains("unit")) error("unit", "required", "minutes, hours or days");
        const std::string unit = j.value("unit", std::string("minutes"));
        for (int i = 0; i < 3; ++i) {
            if (unit == kUnits[i]) d.unit = static_cast<DelayUnit>(i);
        }
    }
    if (d.kind == DelayKind::Relative) {
        d.field = j.value("field", std::string());
        const auto* f = type.field(d.field);
        if (d.field.empty()) {
            error("field", "required", "the date or datetime field the delay counts from");
        } else if (!f) {
            error("field", "unknown_field", "unknown field '" + d.field + "' of " + type.name() + did_you_mean(d.field, type.field_names()));
        } else if (f->type != entity::FieldType::Date && f->type != entity::FieldType::DateTime) {
            error("field", "not_a_date", "'" + d.field + "' is not a date or datetime field");
        }
        if (!j.contains("direction")) error("direction", "required", "before or after the field's moment");
        d.before = j.value("direction", std::string()) == "before";
        if (j.contains("time") && f && f->type == entity::FieldType::DateTime)
            error("time", "not_applicable", "a time of day applies to date fields only; '" + d.field + "' holds a time already");
    }
    if (d.kind == DelayKind::Relative || d.kind == DelayKind::UntilTime) {
        if (j.contains("time")) {
            d.minute_of_day = j["time"].is_string() ? parse_time(j["time"].get<std::string>()) : std::nullopt;
            if (!d.minute_of_day) error("time", "invalid", "a time of day is written HH:MM (00:00 to 23:59)");
        } else if (d.kind == DelayKind::UntilTime) {
            error("time", "required", "the time of day to wait for, HH:MM");
        }
        d.working_days_only = j.value("working_days_only", false);
    }
    return d;
}

nlohmann::json DelaySpec::to_json() const {
    nlohmann::json j = {{"kind", kKinds[static_cast<int>(kind)]}};
    if (kind == DelayKind::After || kind == DelayKind::Working || kind == DelayKind::Relative) {
        j["amount"] = amount;
        j["unit"] = kUnits[static_cast<int>(unit)];
    }
    if (kind == DelayKind::Relative) {
        j["field"] = field;
        j["direction"] = before ? "before" : "after";
    }
    if (minute_of_day) j["time"] = format_time(*minute_of_day);
    if (kind == DelayKind::UntilTime) j["working_days_only"] = working_days_only;
    return j;
}

DueTime compute_due(const DelaySpec& delay, TimePoint entered, const nlohmann::json& record,
                    const calendar::WorkingCalendar& calendar, const std::string& time_zone) {
    const auto* zone = date::locate_zone(time_zone);
    const auto span = duration_cast<milliseconds>(unit_length(delay.unit) * delay.amount);
    TimePoint at = entered;
    switch (delay.kind) {
        case DelayKind::None: break;
        case DelayKind::After: at = entered + span; break;
        case DelayKind::Working:
            at = delay.unit == DelayUnit::Days ? calendar.add_working_days(entered, delay.amount)
                                               : calendar.add_working(entered, span);
            break;
        case DelayKind::Relative: {
            const auto value = record.value(delay.field, nlohmann::json());
            if (!value.is_string()) return {std::nullopt, "field '" + delay.field + "' is empty"};
            const auto text = value.get<std::string>();
            TimePoint base;
            if (is_valid_iso_date(text)) {
                date::year_month_day ymd{};
                std::istringstream in(text);
                in >> date::parse("%F", ymd);
                base = at_local(zone, date::sys_days(ymd), delay.minute_of_day.value_or(0));
            } else if (auto t = parse_iso_datetime(text)) {
                base = *t;
            } else {
                return {std::nullopt, "field '" + delay.field + "' holds no date: " + text};
            }
            at = delay.before ? base - span : base + span;
            break;
        }
        case DelayKind::UntilTime: {
            const auto local = date::make_zoned(zone, entered).get_local_time();
            auto day = date::sys_days(date::floor<date::days>(local).time_since_epoch());
            for (int i = 0; i < 400; ++i, day += date::days(1)) {
                const auto candidate = at_local(zone, day, *delay.minute_of_day);
                if (candidate <= entered) continue;
                if (delay.working_days_only && !calendar.is_working_day(day)) continue;
                at = candidate;
                break;
            }
            break;
        }
    }
    return {std::max(at, entered), {}};
}

}  // namespace orbita::kernel::automation
