// SPDX-License-Identifier: Apache-2.0
// Committed plugin contributions that have no kernel engine of their own yet.
#pragma once

#include "core/actor.hpp"
#include "orbita/sdk/automation.hpp"
#include "orbita/sdk/data.hpp"
#include "orbita/sdk/jobs.hpp"
#include "orbita/sdk/ui.hpp"

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace orbita::kernel::plugins {

/// One committed entry and the plugin that owns it.
template <class T>
struct Owned {
    std::string owner;
    T item;
};

/// Robot actions, triggers, reports, Lua modules, jobs, demo data, UI modules and
/// menu entries of every running plugin, keyed by id. The business-process engine, the
/// job runner, the demo-data command and the web UI read from here; until their issues
/// land, the catalog is what the admin API shows and what the test harness calls.
class PluginCatalog {
public:
    /// The owner of `id` in the shared action/trigger/report/Lua/job/menu namespace.
    std::optional<std::string> owner_of(const std::string& id) const;

    void add_action(const std::string& owner, sdk::RobotAction action);
    void add_trigger(const std::string& owner, sdk::Trigger trigger);
    void add_report(const std::string& owner, sdk::Report report);
    void add_lua_module(const std::string& owner, sdk::LuaModule module);
    void add_job(const std::string& owner, sdk::Job job);
    void add_demo_data(const std::string& owner, sdk::DemoData demo);
    void add_ui_module(const std::string& owner, sdk::UiModule module);
    void add_menu_entry(const std::string& owner, sdk::MenuEntry entry);

    /// The action with `id`, or nullopt.
    std::optional<Owned<sdk::RobotAction>> action(const std::string& id) const;
    /// Every robot action and trigger source of the running plugins, by id.
    std::vector<Owned<sdk::RobotAction>> actions() const;
    std::vector<Owned<sdk::Trigger>> triggers() const;
    std::vector<Owned<sdk::DemoData>> demo_data() const;
    std::vector<Owned<sdk::Job>> jobs() const;
    /// Lua modules and default constants of every running plugin, by name.
    std::vector<Owned<sdk::LuaModule>> lua_modules() const;
    /// Menu entries visible to an actor holding the permissions, by order then id.
    nlohmann::json menu() const;

private:
    void claim(const std::string& owner, const std::string& id);
    /// Claims `id` for `owner` and files `item` under it, under the lock.
    template <class T>
    void add_owned(std::map<std::string, Owned<T>>& to, const std::string& owner, std::string id, T item) {
        std::lock_guard lock(mutex_);
        claim(owner, id);
        to.emplace(std::move(id), Owned<T>{owner, std::move(item)});
    }

    mutable std::mutex mutex_;
    std::map<std::string, std::string> owners_;
    std::map<std::string, Owned<sdk::RobotAction>> actions_;
    std::map<std::string, Owned<sdk::Trigger>> triggers_;
    std::map<std::string, Owned<sdk::Report>> reports_;
    std::map<std::string, Owned<sdk::LuaModule>> lua_;
    std::vector<Owned<sdk::Job>> jobs_;
    std::vector<Owned<sdk::DemoData>> demo_;
    std::map<std::string, sdk::UiModule> ui_modules_;
    std::vector<Owned<sdk::MenuEntry>> menu_;
};

}  // namespace orbita::kernel::plugins
