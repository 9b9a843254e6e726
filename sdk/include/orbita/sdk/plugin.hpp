// SPDX-License-Identifier: Apache-2.0
// The interface every plugin implements.
#pragma once

#include "orbita/sdk/plugin_context.hpp"
#include "orbita/sdk/result.hpp"

namespace orbita::sdk {

/// @brief How a running plugin is doing, reported in /health and the admin API.
enum class Health { Ok, Degraded, Fatal };

/// @brief A plugin. The kernel creates one instance per process through the factory
/// ORBITA_PLUGIN emits, drives it through the phases below, and destroys it after
/// shutdown. The constructor must do no work beyond member initialization: there is no
/// context yet, and a throwing constructor fails the plugin.
class Plugin {
public:
    virtual ~Plugin() = default;

    /// @brief Phase 1, in dependency order (your dependencies are already initialized
    /// and what they registered exists). Register everything you provide through `ctx`
    /// and return success, or return an Error to fail the plugin cleanly: nothing you
    /// registered stays, and plugins that depend on you fail with your reason. The
    /// database is migrated and reachable; HTTP is not serving yet.
    virtual Result<void> initialize(PluginContext& ctx) = 0;

    /// @brief Phase 2, in reverse dependency order, after every plugin's `initialize`:
    /// the place to use what plugins depending on you registered. Registrars are closed.
    virtual void on_all_initialized() {}

    /// @brief Phase 3, in dependency order, when the kernel stops: HTTP is no longer
    /// serving; stop your own threads and flush. Destruction follows in reverse order.
    virtual void about_to_shutdown() {}

    /// @brief Called on any thread whenever health is asked for; must be cheap and
    /// must not block.
    virtual Health health() const { return Health::Ok; }
};

}  // namespace orbita::sdk
