// SPDX-License-Identifier: Apache-2.0
// Recurring tasks: when the next one starts, without ever creating tasks in the past.
#pragma once

#include <orbita/sdk/result.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace orbita::plugins::crm {

/// A task's repeat rule as stored: `unit` is the task's recurrence value ("daily",
/// "weekly", "monthly"; "none" does not repeat), every `interval` units, the last
/// occurrence starting on or before `until` (a date) when given.
struct RecurrenceRule {
    std::string unit = "none";
    int interval = 1;
    std::optional<std::chrono::sys_days> until;
};

/// When a task occurs: its start and, optionally, its due time (kept at the same
/// distance from the start in the next occurrence).
struct Occurrence {
    std::chrono::sys_seconds start;
    std::optional<std::chrono::sys_seconds> end;
};

/// Checks a rule before it is stored: a repeating task needs a start, an interval of
/// at least 1, and an `until` that is not before the start. Errors are 422
/// "invalid-recurrence" naming the problem.
sdk::Result<void> check_recurrence(const RecurrenceRule& rule, const std::optional<Occurrence>& first);

/// The occurrence that follows `current` when it is completed at `now`: the first
/// start after both `current.start` and `now` on the rule's grid (so completing a task
/// that is years overdue creates one task, starting in the future, not one per missed
/// period), or nullopt when the rule does not repeat or `until` has passed. Monthly
/// steps keep the day of month, clamped to the month's last day (31 Jan -> 28 Feb).
std::optional<Occurrence> next_occurrence(const RecurrenceRule& rule, const Occurrence& current,
                                          std::chrono::sys_seconds now);

}  // namespace orbita::plugins::crm
