// SPDX-License-Identifier: Apache-2.0
// `orbita demo-data`, second half: the demo content that running plugins registered.
#pragma once

#include <string>
#include <vector>

namespace orbita::kernel {

class Kernel;

/// What one plugin's demo provider did.
struct PluginDemoOutcome {
    std::string plugin;
    std::string description;
    std::string error;  ///< empty when it installed; else why (and nothing of it was kept)
};

/// Runs every demo-data provider of the running plugins, in the order they were
/// registered, as the system actor "system:demo-data", each in a write transaction of
/// its own: a provider that returns an Error or throws is reported with its plugin id,
/// everything it wrote is rolled back, and the others still run and keep their data.
std::vector<PluginDemoOutcome> install_plugin_demo_data(Kernel& kernel);

}  // namespace orbita::kernel
