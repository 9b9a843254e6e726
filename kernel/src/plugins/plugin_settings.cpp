// SPDX-License-Identifier: Apache-2.0
#include "plugins/plugin_settings.hpp"

namespace orbita::kernel::plugins {

PluginSettings PluginSettings::from_config(const nlohmann::json& document, std::vector<std::filesystem::path> default_dirs) {
    PluginSettings s;
    const auto section = document.is_object() ? document.value("plugins", nlohmann::json::object()) : nlohmann::json::object();
    if (section.contains("directories")) {
        for (const auto& d : section["directories"]) s.directories.emplace_back(d.get<std::string>());
    } else {
        s.directories = std::move(default_dirs);
    }
    s.health_cache_ms = section.value("health_cache_ms", s.health_cache_ms);
    s.health_wait_ms = section.value("health_wait_ms", s.health_wait_ms);
    const auto settings = section.value("settings", nlohmann::json::object());
    for (const auto& [id, v] : settings.items()) {
        PluginSetting p;
        if (v.contains("enabled")) p.enabled = v["enabled"].get<bool>();
        p.required = v.value("required", false);
        p.config = v.value("config", nlohmann::json());
        s.settings.emplace(id, std::move(p));
    }
    return s;
}

const PluginSetting* PluginSettings::find(const std::string& id) const {
    auto it = settings.find(id);
    return it == settings.end() ? nullptr : &it->second;
}

}  // namespace orbita::kernel::plugins
