// SPDX-License-Identifier: Apache-2.0
#include "calendar/calendar_lua.hpp"

#include "calendar/calendar_store.hpp"
#include "lua/extension_args.hpp"
#include "lua/lua_extensions.hpp"

#include <cmath>

namespace orbita::kernel::calendar {

using lua::ExtensionArgs;
using lua::RunState;
using Values = std::vector<nlohmann::json>;

namespace {

// Ten years of seconds: far beyond any delay a script means, and well inside the
// millisecond range the calendar computes in.
constexpr double kMaxSeconds = 10.0 * 366 * 24 * 3600;

}  // namespace

void provide_calendar_lua(lua::LuaExtensions& extensions, CalendarStore& store) {
    extensions.provide("calendar.add_working", [&store](RunState&, const nlohmann::json& raw) -> Values {
        const ExtensionArgs args("orbita.calendar.add_working", raw);
        const auto from = args.time(1);
        const double seconds = args.number(2, "a duration in seconds (0 or more)");
        if (!(seconds >= 0) || seconds > kMaxSeconds) args.fail("argument #2 must be a duration in seconds from 0 to ten years");
        const auto duration = std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(seconds * 1000)));
        return {format_utc(store.current()->add_working(from, duration))};
    });
    extensions.provide("calendar.is_working", [&store](RunState&, const nlohmann::json& raw) -> Values {
        const ExtensionArgs args("orbita.calendar.is_working", raw);
        return {store.current()->is_working(args.time(1))};
    });
    extensions.provide("calendar.working_days_between", [&store](RunState&, const nlohmann::json& raw) -> Values {
        const ExtensionArgs args("orbita.calendar.working_days_between", raw);
        return {store.current()->working_days_between(args.time(1), args.time(2))};
    });
}

}  // namespace orbita::kernel::calendar
