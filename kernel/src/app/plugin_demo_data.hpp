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
    std::string error;  ///< empty when it installed
};

/// Runs every demo-data provider of the running plugins, in the order they were
/// registered, as the system actor "system:demo-data". A provider that fails or throws
/// is reported and the others still run; what it wrote before failing stays, which is
/// why providers must be idempotent (SDK contract).
std::vector<PluginDemoOutcome> install_plugin_demo_data(Kernel& kernel);

}  // namespace orbita::kernel
