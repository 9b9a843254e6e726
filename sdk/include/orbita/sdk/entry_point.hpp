// SPDX-License-Identifier: Apache-2.0
// The one macro a plugin ends with: exports the C ABI probe, the factory and the deleter.
#pragma once

#include "orbita/sdk/abi.hpp"
#include "orbita/sdk/plugin.hpp"
#include "orbita/sdk/version.hpp"

#include <new>

#if !defined(ORBITA_PLUGIN_ID) || !defined(ORBITA_PLUGIN_VERSION)
#error "ORBITA_PLUGIN_ID and ORBITA_PLUGIN_VERSION are defined by orbita_add_plugin(); build plugins with it"
#endif


/// @brief Exports everything the kernel needs to load `ClassName` (an
/// orbita::sdk::Plugin with a default constructor): the C probe `orbita_plugin_abi`
/// (ABI versions, build fingerprint, plugin id and version from orbita_add_plugin), the
/// factory `orbita_plugin_create` and the deleter `orbita_plugin_destroy`. Use it once,
/// at namespace scope, in the plugin's main .cpp file. Nothing runs at load time: the
/// instance is created only after the kernel has checked the probe.
#define ORBITA_PLUGIN(ClassName)                                                                          \
    extern "C" __attribute__((visibility("default"))) const OrbitaPluginAbi* orbita_plugin_abi() noexcept { \
        static const OrbitaPluginAbi abi{sizeof(OrbitaPluginAbi), ORBITA_SDK_ABI_MAJOR, ORBITA_SDK_ABI_MINOR, \
                                         ORBITA_SDK_VERSION,      ORBITA_SDK_BUILD_FINGERPRINT,               \
                                         ORBITA_PLUGIN_ID,        ORBITA_PLUGIN_VERSION};                     \
        return &abi;                                                                                      \
    }                                                                                                     \
    extern "C" __attribute__((visibility("default"))) orbita::sdk::Plugin* orbita_plugin_create() noexcept { \
        try {                                                                                             \
            return new ClassName();                                                                       \
        } catch (...) {                                                                                   \
            return nullptr;                                                                               \
        }                                                                                                 \
    }                                                                                                     \
    extern "C" __attribute__((visibility("default"))) void orbita_plugin_destroy(orbita::sdk::Plugin* p) noexcept { \
        delete p;                                                                                         \
    }
