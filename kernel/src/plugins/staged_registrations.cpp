// SPDX-License-Identifier: Apache-2.0
#include "plugins/staged_registrations.hpp"

#include <set>

namespace orbita::kernel::plugins {

namespace {

template <class T, class F>
nlohmann::json names(const std::vector<T>& items, F&& name) {
    auto out = nlohmann::json::array();
    for (const auto& item : items) out.push_back(name(item));
    return out;
}

}  // namespace

nlohmann::json StagedRegistrations::summary() const {
    auto id = [](const auto& x) { return x.id; };
    nlohmann::json s;
    s["entityTypes"] = names(entity_types, [](const nlohmann::json& d) { return d.value("name", ""); });
    s["routes"] = names(routes, [](const sdk::Route& r) { return r.method + " " + r.path; });
    s["permissions"] = names(permissions, id);
    s["robotActions"] = names(robot_actions, id);
    s["triggers"] = names(triggers, id);
    s["reports"] = names(reports, id);
    s["jobs"] = names(jobs, id);
    s["services"] = names(services, [](const StagedService& x) { return x.key.id; });
    s["migrations"] = names(migrations, [](const sdk::Migration& m) { return m.name; });
    s["subscriptions"] = names(subscriptions, [](const StagedSubscription& x) { return x.pattern; });
    s["visibilityRules"] = names(visibility_rules, id);
    s["recordHooks"] = names(record_hooks, id);
    s["menu"] = names(menu, id);
    s["luaModules"] = names(lua_modules, [](const sdk::LuaModule& m) { return m.name; });
    s["demoData"] = names(demo_data, [](const sdk::DemoData& d) { return d.description; });
    s["uiModule"] = ui_module ? nlohmann::json(ui_module->entry) : nlohmann::json();
    return s;
}

std::vector<std::string> provides_mismatches(const nlohmann::json& provides, const nlohmann::json& summary) {
    std::vector<std::string> out;
    if (!provides.is_object()) return out;
    for (const auto& [kind, declared_json] : provides.items()) {
        const std::set<std::string> declared(declared_json.begin(), declared_json.end());
        const auto& actual_json = summary.at(kind);
        const std::set<std::string> actual(actual_json.begin(), actual_json.end());
        for (const auto& name : actual) {
            if (!declared.count(name)) out.push_back(kind + ": " + name + " is registered but not declared in plugin.json");
        }
        for (const auto& name : declared) {
            if (!actual.count(name)) out.push_back(kind + ": " + name + " is declared in plugin.json but not registered");
        }
    }
    return out;
}

}  // namespace orbita::kernel::plugins
