// SPDX-License-Identifier: Apache-2.0
// Everything a plugin sees of the kernel while it initializes.
#pragma once

#include "orbita/sdk/access.hpp"
#include "orbita/sdk/automation.hpp"
#include "orbita/sdk/constants.hpp"
#include "orbita/sdk/data.hpp"
#include "orbita/sdk/events.hpp"
#include "orbita/sdk/http.hpp"
#include "orbita/sdk/jobs.hpp"
#include "orbita/sdk/logger.hpp"
#include "orbita/sdk/record_hooks.hpp"
#include "orbita/sdk/services.hpp"
#include "orbita/sdk/ui.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace orbita::sdk {

/// @brief The kernel as a plugin sees it during Plugin::initialize: its validated
/// configuration and one typed registrar per kind of contribution.
///
/// Everything registered is staged, stamped with the plugin id, and committed all
/// together only if `initialize` returns success; on failure (an Error, an exception,
/// or a clash with another owner) nothing of it stays. Registrars may be used only
/// during `initialize`: a later call fails with std::logic_error, because by then the
/// kernel has committed and other plugins may rely on what exists. Do not keep the
/// context; keep the Logger if you need it later.
class PluginContext {
public:
    virtual ~PluginContext() = default;
    /// @brief Your plugin id, as in plugin.json.
    virtual const std::string& plugin_id() const = 0;
    /// @brief Your configuration section (`plugins.settings.<id>.config`), already
    /// validated against your config.schema.json, defaults not filled in; {} when absent.
    virtual const nlohmann::json& config() const = 0;
    /// @brief The kernel log, tagged with your plugin id; valid for the process lifetime.
    virtual Logger& log() = 0;

    virtual EntityRegistrar& entities() = 0;           ///< @brief Entity types (JSON declarations).
    virtual MigrationRegistrar& migrations() = 0;      ///< @brief Schema changes of your own tables.
    virtual HttpRegistrar& http() = 0;                 ///< @brief REST routes.
    virtual PermissionRegistrar& permissions() = 0;    ///< @brief Permission targets and visibility rules.
    virtual EventRegistrar& events() = 0;              ///< @brief Event subscribers.
    virtual JobRegistrar& jobs() = 0;                  ///< @brief Periodic jobs.
    virtual DemoDataRegistrar& demo_data() = 0;        ///< @brief Demo content for `orbita demo-data`.
    virtual UiRegistrar& ui() = 0;                     ///< @brief UI module and menu entries.
    virtual RobotActionRegistrar& robot_actions() = 0; ///< @brief Robot actions.
    virtual TriggerRegistrar& triggers() = 0;          ///< @brief Trigger sources.
    virtual ReportRegistrar& reports() = 0;            ///< @brief Reports.
    virtual LuaModuleRegistrar& lua_modules() = 0;     ///< @brief Lua modules and default scripts.
    /// @brief The global constants, read-only. Unlike the context itself the reference
    /// stays valid for the life of the process: keep it for your routes and actions.
    virtual const Constants& constants() = 0;  // ABI 1.1
    /// @brief Typed services: provide yours (during initialize) and obtain those of the
    /// plugins you depend on. The reference stays valid for the life of the process.
    virtual ServiceRegistry& services() = 0;  // ABI 1.1
    /// @brief Rules the data layer runs inside every create and update of a type,
    /// whichever API writes (records API, Lua, robots, imports, other plugins).
    virtual RecordHookRegistrar& record_hooks() = 0;  // ABI 1.3
};

}  // namespace orbita::sdk
