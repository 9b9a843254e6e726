// SPDX-License-Identifier: Apache-2.0
// A plugin's plugin.json, after schema validation.
#pragma once

#include "plugins/plugin_version.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace orbita::kernel::plugins {

/// One entry of `dependencies`.
struct PluginDependency {
    std::string id;
    PluginVersion version;
    bool optional = false;
};

/// The manifest as the host uses it. Built only from a document that passed
/// schemas/plugin-manifest.schema.json, so every field is present and well-formed.
struct PluginManifest {
    std::string id;
    PluginVersion version;
    PluginVersion compat_version;
    int abi_major = 0;
    int abi_minor = 0;
    std::string library;
    std::string config_schema;  ///< file name, empty when the plugin takes no configuration
    std::string description;
    bool required = false;
    bool enabled_by_default = true;
    std::vector<PluginDependency> dependencies;
    nlohmann::json provides;  ///< null when absent
    std::vector<std::string> provided_services;  ///< provides.services
    std::vector<std::string> used_services;      ///< uses.services
    nlohmann::json document;  ///< the file as read, for the admin API
    std::filesystem::path folder;

    /// Converts a validated document; `folder` is where plugin.json was found.
    static PluginManifest from_json(const nlohmann::json& document, std::filesystem::path folder);
    /// "id (1.2.3)", the form every message uses.
    std::string label() const { return id + " (" + version.to_string() + ")"; }
};

}  // namespace orbita::kernel::plugins
