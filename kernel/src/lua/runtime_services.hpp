// SPDX-License-Identifier: Apache-2.0
// The kernel services a Lua run may reach, handed to the runtime once.
#pragma once

#include "core/clock.hpp"
#include "lua/run_context.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace orbita::kernel::records {
class RecordRepository;
}

namespace orbita::kernel::lua {

class LuaExtensions;

/// What the `orbita` API table is built on. The lookups are functions so the runtime
/// does not depend on where constants and modules are stored (the scripts layer).
struct RuntimeServices {
    records::RecordRepository& records;
    const Clock& clock;
    std::string time_zone;  ///< IANA name for orbita.fmt.date of datetimes  ///< IANA name for orbita.fmt.date of datetimes
    /// The value of a global constant as Lua sees it, or nullopt when there is none.
    std::function<std::optional<nlohmann::json>(const std::string& name)> constant;
    /// The source of a Lua library module (`orbita.modules.<name>`), or nullopt.
    std::function<std::optional<ScriptSource>(const std::string& name)> module;
    /// Names of every library module (to resolve `orbita.modules.<prefix>` namespaces).
    std::function<std::vector<std::string>()> module_names;
    /// Filled in by LuaRuntime: its extension points.
    const LuaExtensions* extensions = nullptr;
};

}  // namespace orbita::kernel::lua
