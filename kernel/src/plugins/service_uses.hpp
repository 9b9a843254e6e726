// SPDX-License-Identifier: Apache-2.0
// Checks a manifest's `uses.services` against the other manifests, before any loading.
#pragma once

#include "plugins/plugin_manifest.hpp"

#include <map>
#include <optional>
#include <string>

namespace orbita::kernel::plugins {

/// Why `manifest` cannot use the services it declares, or nullopt. Each used service
/// "<provider>.<name>" must come from a plugin the manifest depends on (required or
/// optional) and, when that plugin is installed, be listed in its provides.services.
/// A provider that is not installed is left to dependency resolution: fatal for a
/// required dependency, a service lookup answering "unavailable" for an optional one.
/// `installed` holds every manifest found, by plugin id.
std::optional<std::string> service_uses_problem(const PluginManifest& manifest,
                                                const std::map<std::string, const PluginManifest*>& installed);

}  // namespace orbita::kernel::plugins
