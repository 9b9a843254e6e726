// SPDX-License-Identifier: Apache-2.0
// The PluginContext a plugin's initialize receives: checks and stages registrations.
#pragma once

#include "plugins/plugin_services.hpp"
#include "plugins/staged_registrations.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace orbita::kernel::plugins {

/// What the stage knows about the plugin it serves.
struct StagePlugin {
    std::string id;
    nlohmann::json config;
    /// The ABI minor the plugin was built for: fields newer than it are never read from
    /// what the plugin passes (LuaModule::kind is 1.1), since its structs lack them.
    unsigned abi_minor = 0;
    std::vector<std::string> declared_services;  ///< its manifest's provides.services
};

/// Implements sdk::PluginContext for one plugin's `initialize`. Each registration is
/// checked on arrival (names carry the plugin id prefix, handlers are set, no duplicate
/// within the plugin, entity declarations parse) and kept in `staged()`; nothing
/// reaches a kernel service from here. After `close()` every registrar throws
/// std::logic_error: registering outside initialize is a bug in the plugin.
class RegistrationStage final : public sdk::PluginContext {
public:
    /// Checks an entity declaration; answers every problem (empty when valid).
    using EntityCheck = std::function<std::vector<std::string>(const nlohmann::json&)>;

    /// Opens `services` for provide() until close(); `publisher` carries the plugin's events.
    RegistrationStage(StagePlugin plugin, sdk::Logger& log, EntityCheck check_entity, const sdk::Constants& constants,
                      PluginServices& services, sdk::EventPublisher& publisher);
    ~RegistrationStage() override;

    const std::string& plugin_id() const override { return plugin_.id; }
    const nlohmann::json& config() const override { return plugin_.config; }
    sdk::Logger& log() override { return log_; }
    sdk::EntityRegistrar& entities() override;
    sdk::MigrationRegistrar& migrations() override;
    sdk::HttpRegistrar& http() override;
    sdk::PermissionRegistrar& permissions() override;
    sdk::EventRegistrar& events() override;
    sdk::JobRegistrar& jobs() override;
    sdk::DemoDataRegistrar& demo_data() override;
    sdk::UiRegistrar& ui() override;
    sdk::RobotActionRegistrar& robot_actions() override;
    sdk::TriggerRegistrar& triggers() override;
    sdk::ReportRegistrar& reports() override;
    sdk::LuaModuleRegistrar& lua_modules() override;
    const sdk::Constants& constants() override { return constants_; }
    sdk::ServiceRegistry& services() override { return services_; }
    sdk::RecordHookRegistrar& record_hooks() override;

    /// Ends the registration window (provide() included).
    void close();
    StagedRegistrations& staged() { return staged_; }

    // Shared checks used by the registrars (public for them; not part of the SDK).
    void ensure_open(const char* kind) const;
    sdk::Result<void> check_name(const char* kind, const std::string& name, std::vector<std::string>& seen) const;
    const EntityCheck& entity_check() const { return check_entity_; }
    sdk::EventPublisher& publisher() { return publisher_; }
    const StagePlugin& plugin() const { return plugin_; }

private:
    struct Registrars;
    StagePlugin plugin_;
    sdk::Logger& log_;
    EntityCheck check_entity_;
    const sdk::Constants& constants_;
    sdk::EventPublisher& publisher_;
    PluginServices& services_;
    StagedRegistrations staged_;
    bool closed_ = false;
    std::unique_ptr<Registrars> registrars_;
};

}  // namespace orbita::kernel::plugins
