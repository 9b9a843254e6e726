// SPDX-License-Identifier: Apache-2.0
// Everything one plugin registered during initialize, before the kernel commits it.
#pragma once

#include "orbita/sdk/plugin_context.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace orbita::kernel::plugins {

/// One event subscription as staged.
struct StagedSubscription {
    std::string pattern;
    sdk::EventHandler handler;
    sdk::EventPhase phase = sdk::EventPhase::AfterCommit;
};

/// One provided service as staged: the provider's key and its object as void*.
struct StagedService {
    sdk::ServiceKey key;
    std::shared_ptr<void> object;
};

/// Plain data: what a plugin asked for, in registration order. Nothing here is live
/// until RegistrationCommitter commits it.
struct StagedRegistrations {
    std::vector<nlohmann::json> entity_types;
    std::vector<sdk::Migration> migrations;
    std::vector<sdk::Route> routes;
    std::vector<sdk::Permission> permissions;
    std::vector<sdk::VisibilityRule> visibility_rules;
    std::vector<sdk::RecordWriteHook> record_hooks;
    std::vector<StagedSubscription> subscriptions;
    std::vector<sdk::Job> jobs;
    std::vector<sdk::DemoData> demo_data;
    std::optional<sdk::UiModule> ui_module;
    std::vector<sdk::MenuEntry> menu;
    std::vector<sdk::RobotAction> robot_actions;
    std::vector<sdk::Trigger> triggers;
    std::vector<sdk::Report> reports;
    std::vector<sdk::LuaModule> lua_modules;
    std::vector<StagedService> services;

    /// Names of everything, grouped with the manifest's `provides` keys (entityTypes,
    /// routes as "METHOD /path", permissions, robotActions, triggers, reports, jobs,
    /// services) plus
    /// the kinds `provides` does not list (migrations, subscriptions, visibilityRules, recordHooks,
    /// menu, uiModule, demoData, luaModules). Used by the admin API and the harness.
    nlohmann::json summary() const;
};

/// Differences between a manifest's `provides` and what the library registered, one
/// line each ("routes: GET /api/v1/x/y is registered but not in plugin.json"). Kinds the
/// manifest omits are not compared; a null `provides` compares nothing.
std::vector<std::string> provides_mismatches(const nlohmann::json& provides, const nlohmann::json& summary);

}  // namespace orbita::kernel::plugins
