// SPDX-License-Identifier: Apache-2.0
#include "plugins/abi_gate.hpp"

#include "orbita/sdk/version.hpp"

#include <cstddef>

namespace orbita::kernel::plugins {

namespace {

std::string text(const char* s) { return s ? s : "(null)"; }

// SDK 1.0 put the ABI minor into the fingerprint (";abi=1.0"); later SDKs only the
// major, so that plugins of an older minor load. Compares a 1.0 plugin's fingerprint
// in today's form.
std::string without_abi_minor(std::string fingerprint) {
    const auto at = fingerprint.rfind(";abi=");
    if (at == std::string::npos) return fingerprint;
    const auto dot = fingerprint.find('.', at);
    if (dot == std::string::npos) return fingerprint;
    const auto end = fingerprint.find(';', dot);
    fingerprint.erase(dot, end == std::string::npos ? std::string::npos : end - dot);
    return fingerprint;
}

}  // namespace

KernelAbi KernelAbi::current() { return {ORBITA_SDK_ABI_MAJOR, ORBITA_SDK_ABI_MINOR, ORBITA_SDK_BUILD_FINGERPRINT}; }

std::optional<std::string> check_abi(const OrbitaPluginAbi& probe, const PluginManifest& manifest, const KernelAbi& kernel) {
    // Fields past abi_minor are read only once the struct is known to be big enough.
    if (probe.struct_size < offsetof(OrbitaPluginAbi, sdk_version))
        return "ABI probe is malformed (struct_size " + std::to_string(probe.struct_size) + ")";
    const auto built = std::to_string(probe.abi_major) + "." + std::to_string(probe.abi_minor);
    const auto ours = std::to_string(kernel.major) + "." + std::to_string(kernel.minor);
    if (probe.abi_major != kernel.major)
        return "built for plugin ABI " + built + ", but this kernel provides ABI " + ours + " (major versions differ)";
    if (probe.abi_minor > kernel.minor)
        return "built for plugin ABI " + built + ", newer than this kernel's ABI " + ours + "; upgrade the kernel";
    if (probe.struct_size < sizeof(OrbitaPluginAbi))
        return "ABI probe is malformed (struct_size " + std::to_string(probe.struct_size) + ")";
    if (static_cast<int>(probe.abi_major) != manifest.abi_major || static_cast<int>(probe.abi_minor) != manifest.abi_minor) {
        return "manifest disagrees with the library: plugin.json says kernelApi " + std::to_string(manifest.abi_major) +
               "." + std::to_string(manifest.abi_minor) + ", " + manifest.library + " was built for " + built;
    }
    if (text(probe.plugin_id) != manifest.id || text(probe.plugin_version) != manifest.version.to_string()) {
        return "manifest disagrees with the library: plugin.json says " + manifest.label() + ", " + manifest.library +
               " was built as " + text(probe.plugin_id) + " (" + text(probe.plugin_version) + ")";
    }
    if (without_abi_minor(text(probe.fingerprint)) != kernel.fingerprint) {
        return "build fingerprint differs: the library was built with [" + text(probe.fingerprint) +
               "], the kernel with [" + kernel.fingerprint + "]; rebuild the plugin against this SDK";
    }
    return std::nullopt;
}

}  // namespace orbita::kernel::plugins
