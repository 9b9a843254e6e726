// SPDX-License-Identifier: Apache-2.0
// orbita.calendar.* for Lua scripts, backed by the stored working calendar.
#pragma once

namespace orbita::kernel::lua {
class LuaExtensions;
}

namespace orbita::kernel::calendar {

class CalendarStore;

/// Provides the calendar extension points of the `orbita` Lua API:
///
///   orbita.calendar.add_working(t, seconds)    -> ISO date-time: `seconds` of working time after t
///   orbita.calendar.is_working(t)              -> boolean
///   orbita.calendar.working_days_between(a, b) -> integer (WorkingCalendar::working_days_between)
///
/// Times are ISO 8601 date-times with a zone, as orbita.now() and datetime fields give
/// them; durations are seconds, as duration constants read in Lua. The calendar is the
/// one administrators edit (CalendarStore::current), so a holiday added at run time
/// counts at once.
void provide_calendar_lua(lua::LuaExtensions& extensions, CalendarStore& store);

}  // namespace orbita::kernel::calendar
