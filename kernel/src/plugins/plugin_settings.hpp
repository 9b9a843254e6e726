// SPDX-License-Identifier: Apache-2.0
// The `plugins` section of the configuration.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace orbita::kernel::plugins {

/// One plugin's deployment settings (`plugins.settings.<id>`).
struct PluginSetting {
    std::optional<bool> enabled;   ///< unset: the manifest's enabledByDefault
    bool required = false;         ///< a failure stops the kernel
    nlohmann::json config;         ///< the plugin's own section; null when absent
};

/// `plugins.directories` (searched in order; the first folder with an id wins) and
/// `plugins.settings`. The kernel schema has already checked the shape; plugin
/// sections are checked against each plugin's schema by the host.
struct PluginSettings {
    std::vector<std::filesystem::path> directories;
    std::map<std::string, PluginSetting> settings;
    int health_cache_ms = 1000;  ///< `plugins.health_cache_ms`: how long a health() answer is reused
    int health_wait_ms = 100;    ///< `plugins.health_wait_ms`: how long /health waits for fresh answers

    /// Reads the validated configuration document; `default_dirs` apply when
    /// `plugins.directories` is absent.
    static PluginSettings from_config(const nlohmann::json& document, std::vector<std::filesystem::path> default_dirs);
    const PluginSetting* find(const std::string& id) const;
};

}  // namespace orbita::kernel::plugins
