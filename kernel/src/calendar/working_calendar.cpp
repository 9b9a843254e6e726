// SPDX-License-Identifier: Apache-2.0
#include "calendar/working_calendar.hpp"

#include <date/tz.h>

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace orbita::kernel::calendar {

namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;

constexpr int kSearchDays = 3660;  // ten years without any working time: a broken calendar

date::sys_days parse_day(const std::string& iso) {
    date::sys_days day;
    std::istringstream in(iso);
    in >> date::parse("%F", day);
    return day;
}

// Removes `cut` minutes from the end of the day's working time (pre-holiday days are
// one hour shorter in Russia; the lunch break stays where it is).
std::vector<WorkInterval> shortened(std::vector<WorkInterval> hours, int cut) {
    while (cut > 0 && !hours.empty()) {
        auto& last = hours.back();
        const int take = std::min(cut, last.end_minute - last.start_minute);
        last.end_minute -= take;
        cut -= take;
        if (last.end_minute <= last.start_minute) hours.pop_back();
    }
    return hours;
}

}  // namespace

WorkingCalendar::WorkingCalendar(const CalendarDefinition& d)
    : zone_(date::locate_zone(d.time_zone)), week_(d.week), short_day_minutes_(d.short_day_minutes) {
    for (const auto& [iso, kind] : d.days) days_[parse_day(iso)] = kind;
}

WorkingCalendar::LocalTime WorkingCalendar::to_local(TimePoint t) const {
    return zone_->to_local(std::chrono::time_point_cast<milliseconds>(t));
}

TimePoint WorkingCalendar::to_utc(LocalTime t) const {
    // A local time skipped or repeated by a DST change maps to its earliest instant.
    return zone_->to_sys(t, date::choose::earliest);
}

date::sys_days WorkingCalendar::local_day(TimePoint t) const {
    return date::sys_days(date::floor<date::days>(to_local(t)).time_since_epoch());
}

std::vector<WorkInterval> WorkingCalendar::hours(date::sys_days day) const {
    const unsigned weekday = (date::weekday(day).c_encoding() + 6) % 7;  // Monday = 0
    const auto it = days_.find(day);
    if (it == days_.end()) return week_[weekday];
    switch (it->second) {
        case DayKind::Holiday: return {};
        case DayKind::Working: return week_[0];
        case DayKind::Short: return shortened(week_[weekday].empty() ? week_[0] : week_[weekday], short_day_minutes_);
        case DayKind::WorkingShort: return shortened(week_[0], short_day_minutes_);
    }
    return {};
}

bool WorkingCalendar::is_working_day(date::sys_days day) const { return !hours(day).empty(); }

bool WorkingCalendar::is_working(TimePoint t) const {
    const auto local = to_local(t);
    const auto day = date::floor<date::days>(local);
    const auto minute = std::chrono::duration_cast<minutes>(local - day).count();
    for (const auto& iv : hours(date::sys_days(day.time_since_epoch()))) {
        if (minute >= iv.start_minute && minute < iv.end_minute) return true;
    }
    return false;
}

TimePoint WorkingCalendar::add_working(TimePoint t, milliseconds duration) const {
    if (duration.count() < 0) throw std::invalid_argument("a working-time duration cannot be negative");
    LocalTime cursor = to_local(t);
    auto day = date::floor<date::days>(cursor);
    milliseconds remaining = duration;
    for (int i = 0; i < kSearchDays; ++i, day += date::days(1)) {
        for (const auto& iv : hours(date::sys_days(day.time_since_epoch()))) {
            const LocalTime start = day + minutes(iv.start_minute);
            const LocalTime end = day + minutes(iv.end_minute);
            const LocalTime from = std::max(start, cursor);
            if (from >= end) continue;
            if (remaining <= end - from) return to_utc(from + remaining);
            remaining -= end - from;
        }
    }
    throw std::runtime_error("the working calendar has no working time within ten years");
}

int WorkingCalendar::working_days_between(TimePoint a, TimePoint b) const {
    const auto from = local_day(a), to = local_day(b);
    const auto lo = std::min(from, to), hi = std::max(from, to);
    int count = 0;
    for (auto d = lo + date::days(1); d <= hi; d += date::days(1)) count += is_working_day(d) ? 1 : 0;
    return from <= to ? count : -count;
}

TimePoint WorkingCalendar::add_working_days(TimePoint t, int n) const {
    if (n < 0) throw std::invalid_argument("a number of working days cannot be negative");
    const auto local = to_local(t);
    const auto start = date::floor<date::days>(local);
    const auto time_of_day = local - start;
    auto day = start;
    for (int i = 0, found = 0; found < n; ++i) {
        if (i >= kSearchDays) throw std::runtime_error("the working calendar has no working day within ten years");
        day += date::days(1);
        if (is_working_day(date::sys_days(day.time_since_epoch()))) ++found;
    }
    return to_utc(day + time_of_day);
}

}  // namespace orbita::kernel::calendar
