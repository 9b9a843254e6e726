// SPDX-License-Identifier: Apache-2.0
// Working-time arithmetic: SLA deadlines, "N working hours" delays, working days.
#pragma once

#include "calendar/calendar_definition.hpp"
#include "core/clock.hpp"

#include <date/date.h>

#include <chrono>
#include <vector>

namespace date {
class time_zone;
}

namespace orbita::kernel::calendar {

/// A compiled, immutable calendar. Days are local dates in the calendar's time zone;
/// instants are UTC. A day's working hours come from its weekday unless a dated
/// exception says otherwise (see DayKind).
class WorkingCalendar {
public:
    /// `definition` must have passed CalendarDefinition::parse.
    explicit WorkingCalendar(const CalendarDefinition& definition);

    /// True when `t` falls within working hours.
    bool is_working(TimePoint t) const;
    /// The instant at which `duration` of working time has passed after `t`. Counting
    /// starts at `t`, or at the next working moment when `t` is outside working hours;
    /// a duration that ends exactly at the end of an interval answers that end (4
    /// working hours from 09:00 is 13:00, not the next interval's start). Throws
    /// std::invalid_argument for a negative duration and std::runtime_error when the
    /// calendar has no working time within ten years.
    TimePoint add_working(TimePoint t, std::chrono::milliseconds duration) const;
    /// Working days after `a`'s local date up to and including `b`'s (negative when
    /// `b` is earlier): Friday to the next Monday is 1 in a normal week.
    int working_days_between(TimePoint a, TimePoint b) const;
    /// The same local time of day `n` (>= 0) working days after `t`'s local date
    /// ("a booking holds for 15 working days"); working_days_between(t, result) == n.
    TimePoint add_working_days(TimePoint t, int n) const;

    bool is_working_day(date::sys_days day) const;
    /// The working intervals of local date `day`.
    std::vector<WorkInterval> hours(date::sys_days day) const;
    /// The local date of `t`.
    date::sys_days local_day(TimePoint t) const;

private:
    using LocalTime = date::local_time<std::chrono::milliseconds>;
    LocalTime to_local(TimePoint t) const;
    TimePoint to_utc(LocalTime t) const;

    const date::time_zone* zone_;
    std::array<std::vector<WorkInterval>, 7> week_;
    int short_day_minutes_;
    std::map<date::sys_days, DayKind> days_;
};

}  // namespace orbita::kernel::calendar
