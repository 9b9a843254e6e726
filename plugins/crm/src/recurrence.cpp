// SPDX-License-Identifier: Apache-2.0
#include "recurrence.hpp"

namespace orbita::plugins::crm {

using namespace std::chrono;

namespace {

sdk::Error invalid(const std::string& why) { return sdk::fail("invalid-recurrence", why, 422); }

// `start` moved by `steps` months, the day clamped to the target month's length.
sys_seconds add_months(sys_seconds start, long steps) {
    const auto day = floor<days>(start);
    const year_month_day ymd{day};
    auto target = year_month{ymd.year(), ymd.month()} + months{steps};
    const auto last = year_month_day_last{target.year(), month_day_last{target.month()}}.day();
    const year_month_day moved{target.year(), target.month(), ymd.day() > last ? last : ymd.day()};
    return sys_seconds{sys_days{moved}} + (start - day);
}

// The start `steps` periods after `start`.
sys_seconds step(const RecurrenceRule& rule, sys_seconds start, long steps) {
    if (rule.unit == "monthly") return add_months(start, steps * rule.interval);
    const long unit_days = rule.unit == "weekly" ? 7 : 1;
    return start + days{steps * unit_days * rule.interval};
}

}  // namespace

sdk::Result<void> check_recurrence(const RecurrenceRule& rule, const std::optional<Occurrence>& first) {
    if (rule.unit == "none") return {};
    if (rule.unit != "daily" && rule.unit != "weekly" && rule.unit != "monthly")
        return invalid("recurrence must be none, daily, weekly or monthly");
    if (rule.interval < 1) return invalid("recurrence_interval must be at least 1");
    if (!first) return invalid("a recurring task needs start_at: occurrences are counted from it");
    if (rule.until && *rule.until < floor<days>(first->start))
        return invalid("recurrence_until is before start_at: the task would never repeat");
    return {};
}

std::optional<Occurrence> next_occurrence(const RecurrenceRule& rule, const Occurrence& current, sys_seconds now) {
    if (rule.unit == "none" || rule.interval < 1) return std::nullopt;
    // Jump close to `now` arithmetically, then step: a task overdue by decades costs
    // a handful of iterations, and no occurrence before `now` is ever produced.
    long steps = 1;
    if (now > current.start) {
        const auto behind = duration_cast<days>(now - current.start).count();
        const long period_days = rule.unit == "monthly" ? 31L * rule.interval
                                 : (rule.unit == "weekly" ? 7L : 1L) * rule.interval;
        steps = std::max(1L, behind / period_days);
    }
    auto start = step(rule, current.start, steps);
    while (start <= now) start = step(rule, current.start, ++steps);
    if (rule.until && floor<days>(start) > *rule.until) return std::nullopt;
    Occurrence next{start, std::nullopt};
    if (current.end) next.end = start + (*current.end - current.start);
    return next;
}

}  // namespace orbita::plugins::crm
