// SPDX-License-Identifier: Apache-2.0
#include "lua/lua_extensions.hpp"

#include <algorithm>
#include <stdexcept>

namespace orbita::kernel::lua {

const std::vector<std::string>& LuaExtensions::points() {
    static const std::vector<std::string> names = {"calendar.add_working", "calendar.is_working",
                                                   "calendar.working_days_between", "notify", "outbox.webhook",
                                                   "process.start", "records.move"};
    return names;
}

void LuaExtensions::provide(const std::string& name, Function fn) {
    const auto& known = points();
    if (std::find(known.begin(), known.end(), name) == known.end()) {
        throw std::invalid_argument("'" + name + "' is not an extension point of the orbita Lua API");
    }
    std::lock_guard lock(mutex_);
    if (!functions_.emplace(name, std::move(fn)).second) {
        throw std::invalid_argument("orbita." + name + " is already provided");
    }
}

LuaExtensions::Function LuaExtensions::find(const std::string& name) const {
    std::lock_guard lock(mutex_);
    auto it = functions_.find(name);
    return it == functions_.end() ? Function() : it->second;
}

std::string LuaExtensions::not_available(const std::string& name) {
    const std::string what = name.rfind("calendar.", 0) == 0 ? "the working calendar is"
                             : name == "notify"              ? "notifications are"
                             : name == "records.move"        ? "pipelines are"
                             : name == "process.start"       ? "durable processes are"
                                                             : "the outbox is";
    return "orbita." + name + " is not available yet: " + what + " not part of this build";
}

}  // namespace orbita::kernel::lua
