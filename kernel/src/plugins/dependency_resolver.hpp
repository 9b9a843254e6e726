// SPDX-License-Identifier: Apache-2.0
// Orders plugins by their dependencies and explains every plugin that cannot load.
#pragma once

#include "plugins/plugin_manifest.hpp"

#include <map>
#include <string>
#include <vector>

namespace orbita::kernel::plugins {

/// The outcome of resolution.
struct Resolution {
    /// Plugins that can load, dependencies first (ties by id, so the order is stable).
    std::vector<std::string> order;
    /// Plugins that cannot, with the reason (missing or too old dependency, a cycle with
    /// its whole chain, or a dependency that itself failed).
    std::map<std::string, std::string> failures;
};

/// Pure graph logic, no I/O: resolves `candidates` (valid, enabled manifests by id).
/// `unavailable` names known plugins that will not load (disabled, broken manifest,
/// failed earlier) with their reason, so dependents can say why.
class DependencyResolver {
public:
    Resolution resolve(const std::map<std::string, PluginManifest>& candidates,
                       const std::map<std::string, std::string>& unavailable) const;
};

}  // namespace orbita::kernel::plugins
