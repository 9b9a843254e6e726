// SPDX-License-Identifier: Apache-2.0
// Named functions of the `orbita` API that other kernel parts provide (calendar, notify, outbox).
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace orbita::kernel::lua {

class RunState;

/// The extension points of the `orbita` API. Each is a fixed name the sandbox always
/// exposes; calling it runs the function another part of the kernel provided, or
/// raises "<name> is not available yet" when nothing provides it, so scripts never
/// get a silent stand-in:
///
///   orbita.calendar.add_working(t, duration)      working calendar (jobs branch)
///   orbita.calendar.is_working(t)                 working calendar
///   orbita.calendar.working_days_between(a, b)    working calendar
///   orbita.notify(user, message, options)         in-app notifications (robots)
///   orbita.outbox.webhook(url, payload, options)  transactional outbox (jobs branch)
///   orbita.records.move(type, id, stage[, pipeline])  pipelines (automation module)
///
/// A function receives the run (actor, effects) and the Lua arguments converted to a
/// JSON array, runs inside the run's transaction, and answers the values returned to
/// Lua. Effects that leave the process must go through the outbox so a rolled-back run
/// (or a dry run) sends nothing; report them with RunState::add_effect.
class LuaExtensions {
public:
    using Function = std::function<std::vector<nlohmann::json>(RunState& run, const nlohmann::json& args)>;

    /// The names of every extension point, e.g. "calendar.add_working", "notify".
    static const std::vector<std::string>& points();

    /// Provides extension point `name`; std::invalid_argument for an unknown name or
    /// one already provided. Call while the kernel starts, before scripts run.
    void provide(const std::string& name, Function fn);
    /// The function for `name`, or an empty function when nothing provides it.
    Function find(const std::string& name) const;
    /// The error scripts get when calling `name` while nothing provides it.
    static std::string not_available(const std::string& name);

private:
    mutable std::mutex mutex_;
    std::map<std::string, Function> functions_;
};

}  // namespace orbita::kernel::lua
