// SPDX-License-Identifier: Apache-2.0
// The C-level probe every plugin library exports, read before any C++ is touched.
#pragma once

#include <cstdint>

extern "C" {

/// @brief Plain-C description of a plugin library, returned by the exported function
/// `orbita_plugin_abi`. The kernel reads it right after loading the library and before
/// it calls anything that passes C++ objects; every field is a C type, so reading it is
/// safe whatever compiler built the plugin. Written by ORBITA_PLUGIN; never by hand.
struct OrbitaPluginAbi {
    std::uint32_t struct_size;   ///< sizeof(OrbitaPluginAbi) of the plugin's SDK; lets later SDKs append fields
    std::uint32_t abi_major;     ///< ORBITA_SDK_ABI_MAJOR the plugin was compiled with
    std::uint32_t abi_minor;     ///< ORBITA_SDK_ABI_MINOR the plugin was compiled with
    const char* sdk_version;     ///< ORBITA_SDK_VERSION the plugin was compiled with
    const char* fingerprint;     ///< ORBITA_SDK_BUILD_FINGERPRINT of the plugin's build
    const char* plugin_id;       ///< must equal `id` in the plugin.json beside the library
    const char* plugin_version;  ///< must equal `version` in that plugin.json
};

}  // extern "C"

namespace orbita::sdk {

/// @brief Name of the exported C probe: `const OrbitaPluginAbi* orbita_plugin_abi() noexcept`.
inline constexpr const char* kAbiProbeSymbol = "orbita_plugin_abi";
/// @brief Name of the exported factory: `orbita::sdk::Plugin* orbita_plugin_create() noexcept`
/// (nullptr when the constructor threw). Called only after the fingerprint matched.
inline constexpr const char* kFactorySymbol = "orbita_plugin_create";
/// @brief Name of the exported deleter: `void orbita_plugin_destroy(orbita::sdk::Plugin*) noexcept`,
/// so the object is freed by the library that allocated it.
inline constexpr const char* kDestroySymbol = "orbita_plugin_destroy";

}  // namespace orbita::sdk
