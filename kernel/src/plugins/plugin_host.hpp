// SPDX-License-Identifier: Apache-2.0
// Finds, checks, loads and drives every plugin through its lifecycle.
#pragma once

#include "core/actor.hpp"
#include "plugins/crash_guard.hpp"
#include "plugins/plugin_catalog.hpp"
#include "plugins/plugin_faults.hpp"
#include "plugins/plugin_health.hpp"
#include "plugins/plugin_library.hpp"
#include "plugins/plugin_logger.hpp"
#include "plugins/plugin_manifest.hpp"
#include "plugins/plugin_settings.hpp"
#include "plugins/plugin_state.hpp"
#include "plugins/registration_committer.hpp"
#include "plugins/registration_stage.hpp"
#include "plugins/service_directory.hpp"

#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace orbita::kernel::plugins {

/// A required plugin failed (or is missing): the kernel must not start.
class RequiredPluginError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The plugins' part of /health.
struct PluginsHealth {
    /// "ok"; "degraded" when a plugin failed to start or reports Degraded or Fatal;
    /// "fail" when a required plugin reports Fatal.
    std::string status = "ok";
    /// {"<id>": {"state", "required", "health" (running plugins), "detail"?, "reason"?}}
    nlohmann::json plugins = nlohmann::json::object();
};

/// Owns the plugins of one kernel. `start()` runs, in this order, and no plugin code
/// runs before step 5:
///   1. discover plugin folders and validate each plugin.json;
///   2. apply configuration (enabled/disabled) and the crash-loop guard;
///   3. validate every enabled plugin's config section against its schema;
///   4. check each plugin's used services against the manifests, resolve dependencies
///      (versions, cycles);
///   5. per plugin in dependency order: load the library, C probe and ABI gate, create,
///      initialize against a staging context, compare with `provides`, check clashes,
///      commit; a plugin whose dependency failed fails with that reason;
///   6. on_all_initialized in reverse order; everything initialized becomes Running.
/// Plugin instances are destroyed in reverse dependency order, each after its services
/// left the directory, so a provider outlives the plugins using it.
/// A failed plugin never stops the others; a failed required one makes `start()` throw
/// RequiredPluginError once every plugin has been reported.
class PluginHost {
public:
    PluginHost(PluginSettings settings, CommitTargets targets, RegistrationStage::EntityCheck check_entity,
               std::filesystem::path data_dir);
    /// Destroys plugin instances in reverse dependency order (libraries stay loaded).
    ~PluginHost();
    PluginHost(const PluginHost&) = delete;
    PluginHost& operator=(const PluginHost&) = delete;

    void start();
    /// about_to_shutdown in dependency order; Running -> Stopping -> Stopped. Idempotent.
    void shutdown();

    /// Every plugin: state, reason, timings, manifest, registrations, run-time faults,
    /// and (when `with_health`) the health of running plugins.
    nlohmann::json report(bool with_health = true) const;
    /// Health of every plugin for /health (health() answers cached and time-bounded).
    PluginsHealth health() const;
    /// Problems with the `plugins` configuration that belong to no plugin (unknown ids).
    const std::vector<std::string>& configuration_problems() const { return config_problems_; }
    PluginCatalog& catalog() { return catalog_; }
    PluginFaults& faults() { return faults_; }
    /// Runs robot action `id` as `actor` (the engine of the next issue calls this too);
    /// the input is validated against the action's input schema first.
    sdk::Result<nlohmann::json> run_action(const std::string& id, const nlohmann::json& input, const Actor& actor);
    /// The same with the record access the action gets (the robot engine passes one that
    /// reports the action's writes as effects).
    sdk::Result<nlohmann::json> run_action(const std::string& id, const nlohmann::json& input, const Actor& actor,
                                           sdk::Records& records);

private:
    struct Entry;
    void discover();
    void apply_settings();
    void validate_configs();
    void check_service_uses();
    void resolve();
    void load_and_initialize(Entry& e);
    void initialize(Entry& e);
    void check_required() const;
    Entry* find(const std::string& id);
    const Entry* find(const std::string& id) const;
    /// Why plugin `id` is not running, for service lookups ("failed: ...", "not installed").
    std::string describe_unavailable(const std::string& id) const;

    PluginSettings settings_;
    ServiceDirectory services_;
    RegistrationCommitter committer_;
    RegistrationStage::EntityCheck check_entity_;
    CrashGuard guard_;
    PluginCatalog& catalog_;
    PluginFaults& faults_;
    records::RecordRepository& records_;
    const sdk::Constants& constants_;
    events::EventBus& events_;
    storage::Database& db_;
    std::vector<std::unique_ptr<Entry>> entries_;
    std::vector<std::string> order_;
    std::vector<std::string> config_problems_;
    mutable PluginHealthMonitor health_;  // a cache: refreshing it does not change the host
    mutable std::mutex mutex_;
    bool stopped_ = false;
};

}  // namespace orbita::kernel::plugins
