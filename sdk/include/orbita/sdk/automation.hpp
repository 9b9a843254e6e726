// SPDX-License-Identifier: Apache-2.0
// What a plugin offers to business processes: robot actions, triggers, reports, Lua.
#pragma once

#include "orbita/sdk/actor.hpp"
#include "orbita/sdk/records.hpp"
#include "orbita/sdk/result.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>

namespace orbita::sdk {

/// @brief The caller of a robot action or report: who it runs for and record access
/// with that actor's rights. Valid only during the call.
struct CallContext {
    const Actor& actor;
    Records& records;
};

/// @brief A step robots and processes can run, e.g. "bookmarks.normalize_url". Input
/// and output are JSON; `input_schema` (JSON Schema) documents and validates the input
/// before `run` is called. `run` may be called on any thread, concurrently.
struct RobotAction {
    std::string id;  ///< "<plugin id>.<name>"
    std::string description;
    nlohmann::json input_schema = nlohmann::json::object();
    std::function<Result<nlohmann::json>(const nlohmann::json& input, CallContext& call)> run;
};

/// @brief A trigger source: administrators attach triggers of kind "event" to it
/// (`{"kind": "event", "config": {"event": "<id>"}}`), and each event matching
/// `event_pattern` then moves the record the event is about (its `entity_type` and
/// `record_id`) to the trigger's stage. Raise the events with EventPublisher.
struct Trigger {
    std::string id;  ///< "<plugin id>.<name>"
    std::string description;
    std::string event_pattern;
};

/// @brief A report: `run` answers {"columns": [...], "rows": [...]} for `params`.
struct Report {
    std::string id;  ///< "<plugin id>.<name>"
    std::string title;
    std::string description;
    std::function<Result<nlohmann::json>(const nlohmann::json& params, CallContext& call)> run;
};

/// @brief What a LuaModule holds.
enum class LuaModuleKind {
    /// A library: scripts read what its chunk returns as `orbita.modules.<name>`
    /// (e.g. `orbita.modules.bookmarks.util`), loaded at most once per run.
    Library,
    /// Default global constants: the chunk returns a table
    /// `{Name = {type = "number", value = 14, label = "..."}, ...}`, installed on start
    /// where no administrator has set the constant (see scripts/constants.lua).
    Constants,
};

/// @brief Lua source the plugin provides to scripts. Stored as a script named `name`
/// (administrators may edit it; their edit wins over later plugin versions) and run
/// under the kernel's Lua sandbox like any script.
struct LuaModule {
    std::string name;  ///< "<plugin id>.<name>"
    std::string source;
    /// Since ABI 1.1; the kernel treats modules of plugins built for ABI 1.0 as libraries.
    LuaModuleKind kind = LuaModuleKind::Library;
};

/// @brief Adds robot actions. Use only inside Plugin::initialize.
class RobotActionRegistrar {
public:
    virtual ~RobotActionRegistrar() = default;
    /// @brief Stages one action; ids already taken fail your plugin naming both owners.
    virtual Result<void> add(RobotAction action) = 0;
};

/// @brief Adds trigger sources. Use only inside Plugin::initialize.
class TriggerRegistrar {
public:
    virtual ~TriggerRegistrar() = default;
    /// @brief Stages one trigger.
    virtual Result<void> add(Trigger trigger) = 0;
};

/// @brief Adds reports. Use only inside Plugin::initialize.
class ReportRegistrar {
public:
    virtual ~ReportRegistrar() = default;
    /// @brief Stages one report.
    virtual Result<void> add(Report report) = 0;
};

/// @brief Adds Lua modules and default scripts. Use only inside Plugin::initialize.
class LuaModuleRegistrar {
public:
    virtual ~LuaModuleRegistrar() = default;
    /// @brief Stages one module.
    virtual Result<void> add(LuaModule module) = 0;
};

}  // namespace orbita::sdk
