// SPDX-License-Identifier: Apache-2.0
// When a robot runs after its record entered the stage.
#pragma once

#include "core/clock.hpp"
#include "core/problem.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace orbita::kernel::entity {
class EntityType;
}
namespace orbita::kernel::calendar {
class WorkingCalendar;
}

namespace orbita::kernel::automation {

enum class DelayKind { None, After, Working, Relative, UntilTime };
enum class DelayUnit { Minutes, Hours, Days };

/// A robot's delay (the `delay` object of schemas/automation.schema.json):
///
///   {"kind": "none"}                                              right away
///   {"kind": "after", "amount": 30, "unit": "minutes"}            calendar time
///   {"kind": "working", "amount": 4, "unit": "hours"}             working time (working calendar)
///   {"kind": "relative", "field": "due_date", "direction": "before",
///    "amount": 3, "unit": "days", "time": "10:00"}                 around a date/datetime field
///   {"kind": "until_time", "time": "09:30", "working_days_only": true}  the next 09:30
///
/// Local times ("time", date fields, day boundaries) are in the kernel's time zone.
struct DelaySpec {
    DelayKind kind = DelayKind::None;
    int amount = 0;
    DelayUnit unit = DelayUnit::Minutes;
    std::string field;               ///< relative: a date or datetime field of the record
    bool before = false;             ///< relative: before the field's moment
    std::optional<int> minute_of_day;  ///< until_time; relative to a date field: the time of day
    bool working_days_only = false;  ///< until_time

    /// Reads and checks a delay for records of `type`; problems are appended to `errors`
    /// under "delay.<key>". null or absent means none.
    static DelaySpec parse(const nlohmann::json& j, const entity::EntityType& type, std::vector<FieldError>& errors);
    nlohmann::json to_json() const;
};

/// When a run is due, or why it cannot be computed (a relative delay whose field is empty).
struct DueTime {
    std::optional<TimePoint> at;
    std::string problem;
};

/// The due time of a robot with `delay` for a record that entered its stage at
/// `entered`. A moment already past is due at `entered` (runs right away).
DueTime compute_due(const DelaySpec& delay, TimePoint entered, const nlohmann::json& record,
                    const calendar::WorkingCalendar& calendar, const std::string& time_zone);

}  // namespace orbita::kernel::automation
