// SPDX-License-Identifier: Apache-2.0
// Finds plugin folders and reads their manifests without loading any library.
#pragma once

#include "core/json_schema.hpp"
#include "plugins/plugin_manifest.hpp"

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace orbita::kernel::plugins {

/// A folder that holds a plugin.json, whether or not it is valid.
struct DiscoveredPlugin {
    std::filesystem::path folder;
    /// The manifest, or every problem found with it (one line each).
    std::variant<PluginManifest, std::vector<std::string>> manifest;
};

/// Reads `<dir>/<folder>/plugin.json` for every immediate sub-folder of the plugin
/// directories and checks it against schemas/plugin-manifest.schema.json, plus what the
/// schema cannot say (the library and config schema files exist, the folder name is the id).
class ManifestReader {
public:
    ManifestReader();

    /// Every plugin folder under `directories`, in directory order then by name.
    /// Directories that do not exist are skipped.
    std::vector<DiscoveredPlugin> discover(const std::vector<std::filesystem::path>& directories) const;
    /// Reads one folder's plugin.json.
    DiscoveredPlugin read(const std::filesystem::path& folder) const;

private:
    JsonSchema schema_;
};

}  // namespace orbita::kernel::plugins
