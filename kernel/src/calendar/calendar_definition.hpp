// SPDX-License-Identifier: Apache-2.0
// A working calendar as administrators write it: weekly hours and dated exceptions.
#pragma once

#include "core/problem.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <map>
#include <string>
#include <vector>

namespace orbita::kernel::calendar {

/// Working time within one local day, [start, end) in minutes after midnight.
struct WorkInterval {
    int start_minute = 0;
    int end_minute = 0;
};

/// What a dated exception makes of a day: a holiday (no work), a transferred working
/// day (a weekend day worked with a Monday's hours), a shortened pre-holiday working
/// day, or both of the latter.
enum class DayKind { Holiday, Working, Short, WorkingShort };

/// The JSON document stored per calendar and edited through the admin API:
///   {"time_zone": "Europe/Moscow",
///    "week": {"mon": ["09:00-13:00", "14:00-18:00"], ..., "sun": []},
///    "short_day_minutes": 60,
///    "days": {"2025-01-01": "holiday", "2025-11-01": "working_short", ...},
///    "description": "..."}
struct CalendarDefinition {
    std::string description;
    std::string time_zone = "Europe/Moscow";
    std::array<std::vector<WorkInterval>, 7> week{};  ///< Monday first
    int short_day_minutes = 60;
    std::map<std::string, DayKind> days;  ///< "YYYY-MM-DD" -> kind

    /// Validates everything and reports every problem at once (422, field errors).
    static CalendarDefinition parse(const nlohmann::json& document);
    nlohmann::json to_json() const;

    static std::optional<DayKind> parse_kind(const std::string& text);
    static std::string kind_name(DayKind kind);
};

}  // namespace orbita::kernel::calendar
