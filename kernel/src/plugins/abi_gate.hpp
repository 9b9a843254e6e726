// SPDX-License-Identifier: Apache-2.0
// Decides from a library's C probe whether its C++ interface may be used.
#pragma once

#include "orbita/sdk/abi.hpp"
#include "plugins/plugin_manifest.hpp"

#include <optional>
#include <string>

namespace orbita::kernel::plugins {

/// What the kernel itself was built with (its own ORBITA_SDK_* values).
struct KernelAbi {
    unsigned major = 0;
    unsigned minor = 0;
    std::string fingerprint;

    /// The running kernel's values.
    static KernelAbi current();
};

/// Two steps, in order, each with its own message: the ABI major must equal the
/// kernel's and the minor must not be newer; then the probe must name the plugin and
/// version of the manifest beside it; only then must the build fingerprint match
/// exactly. Answers the reason for refusing, or nullopt to go ahead.
std::optional<std::string> check_abi(const OrbitaPluginAbi& probe, const PluginManifest& manifest, const KernelAbi& kernel);

}  // namespace orbita::kernel::plugins
