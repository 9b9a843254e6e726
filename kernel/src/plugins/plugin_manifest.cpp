// SPDX-License-Identifier: Apache-2.0
#include "plugins/plugin_manifest.hpp"

namespace orbita::kernel::plugins {

PluginManifest PluginManifest::from_json(const nlohmann::json& document, std::filesystem::path folder) {
    PluginManifest m;
    m.id = document.at("id").get<std::string>();
    m.version = *PluginVersion::parse(document.at("version").get<std::string>());
    m.compat_version = *PluginVersion::parse(document.value("compatVersion", document.at("version").get<std::string>()));
    const auto api = document.at("kernelApi").get<std::string>();
    const auto dot = api.find('.');
    m.abi_major = std::stoi(api.substr(0, dot));
    m.abi_minor = std::stoi(api.substr(dot + 1));
    m.library = document.at("library").get<std::string>();
    m.config_schema = document.value("configSchema", "");
    m.description = document.value("description", "");
    m.required = document.value("required", false);
    m.enabled_by_default = document.value("enabledByDefault", true);
    for (const auto& d : document.value("dependencies", nlohmann::json::array())) {
        m.dependencies.push_back({d.at("id").get<std::string>(), *PluginVersion::parse(d.at("version").get<std::string>()),
                                  d.value("type", "required") == "optional"});
    }
    m.provides = document.value("provides", nlohmann::json());
    if (m.provides.is_object()) m.provided_services = m.provides.value("services", std::vector<std::string>{});
    m.used_services = document.value("uses", nlohmann::json::object()).value("services", std::vector<std::string>{});
    m.document = document;
    m.folder = std::move(folder);
    return m;
}

}  // namespace orbita::kernel::plugins
