// SPDX-License-Identifier: Apache-2.0
#include "plugins/plugin_catalog.hpp"

#include <algorithm>
#include <stdexcept>

namespace orbita::kernel::plugins {

std::optional<std::string> PluginCatalog::owner_of(const std::string& id) const {
    std::lock_guard lock(mutex_);
    auto it = owners_.find(id);
    if (it == owners_.end()) return std::nullopt;
    return it->second;
}

// Callers check owner_of first (RegistrationCommitter::conflicts); this is the last guard.
void PluginCatalog::claim(const std::string& owner, const std::string& id) {
    auto [it, inserted] = owners_.emplace(id, owner);
    if (!inserted) throw std::invalid_argument(id + " of " + owner + " is already registered by " + it->second);
}

void PluginCatalog::add_action(const std::string& owner, sdk::RobotAction action) {
    auto id = action.id;
    add_owned(actions_, owner, std::move(id), std::move(action));
}

void PluginCatalog::add_trigger(const std::string& owner, sdk::Trigger trigger) {
    auto id = trigger.id;
    add_owned(triggers_, owner, std::move(id), std::move(trigger));
}

void PluginCatalog::add_report(const std::string& owner, sdk::Report report) {
    auto id = report.id;
    add_owned(reports_, owner, std::move(id), std::move(report));
}

void PluginCatalog::add_lua_module(const std::string& owner, sdk::LuaModule module) {
    auto id = module.name;
    add_owned(lua_, owner, std::move(id), std::move(module));
}

void PluginCatalog::add_job(const std::string& owner, sdk::Job job) {
    std::lock_guard lock(mutex_);
    claim(owner, job.id);
    jobs_.push_back({owner, std::move(job)});
}

void PluginCatalog::add_demo_data(const std::string& owner, sdk::DemoData demo) {
    std::lock_guard lock(mutex_);
    demo_.push_back({owner, std::move(demo)});
}

void PluginCatalog::add_ui_module(const std::string& owner, sdk::UiModule module) {
    std::lock_guard lock(mutex_);
    ui_modules_[owner] = std::move(module);
}

void PluginCatalog::add_menu_entry(const std::string& owner, sdk::MenuEntry entry) {
    std::lock_guard lock(mutex_);
    claim(owner, entry.id);
    menu_.push_back({owner, std::move(entry)});
}

std::optional<Owned<sdk::RobotAction>> PluginCatalog::action(const std::string& id) const {
    std::lock_guard lock(mutex_);
    auto it = actions_.find(id);
    if (it == actions_.end()) return std::nullopt;
    return it->second;
}

namespace {

template <class T>
std::vector<Owned<T>> values_of(const std::map<std::string, Owned<T>>& map) {
    std::vector<Owned<T>> out;
    for (const auto& [_, v] : map) out.push_back(v);
    return out;
}

}  // namespace

std::vector<Owned<sdk::RobotAction>> PluginCatalog::actions() const {
    std::lock_guard lock(mutex_);
    return values_of(actions_);
}

std::vector<Owned<sdk::Trigger>> PluginCatalog::triggers() const {
    std::lock_guard lock(mutex_);
    return values_of(triggers_);
}

std::vector<Owned<sdk::DemoData>> PluginCatalog::demo_data() const {
    std::lock_guard lock(mutex_);
    return demo_;
}

std::vector<Owned<sdk::Job>> PluginCatalog::jobs() const {
    std::lock_guard lock(mutex_);
    return jobs_;
}

std::vector<Owned<sdk::LuaModule>> PluginCatalog::lua_modules() const {
    std::lock_guard lock(mutex_);
    return values_of(lua_);
}

nlohmann::json PluginCatalog::menu() const {
    std::lock_guard lock(mutex_);
    auto entries = menu_;
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        return std::tie(a.item.order, a.item.id) < std::tie(b.item.order, b.item.id);
    });
    auto out = nlohmann::json::array();
    for (const auto& [owner, e] : entries) {
        nlohmann::json item = {{"id", e.id}, {"label", e.label}, {"route", e.route}, {"icon", e.icon},
                               {"permission", e.permission}, {"order", e.order}, {"plugin", owner}};
        if (auto ui = ui_modules_.find(owner); ui != ui_modules_.end()) item["module"] = ui->second.entry;
        out.push_back(std::move(item));
    }
    return out;
}

}  // namespace orbita::kernel::plugins
