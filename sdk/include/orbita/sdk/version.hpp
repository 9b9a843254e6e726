// SPDX-License-Identifier: Apache-2.0
// SDK and plugin ABI versions, and the build fingerprint of the C++ interface.
#pragma once

#include <nlohmann/json.hpp>

#include <version>

/// @brief Major version of the plugin ABI. A kernel loads only plugins built with the
/// same major: a change here means the C++ interfaces changed incompatibly.
#define ORBITA_SDK_ABI_MAJOR 1
/// @brief Minor version of the plugin ABI. Grows when something is added in a way a
/// plugin built against an older minor cannot notice: a virtual function appended at the
/// end of an interface the kernel implements, a field appended at the end of a struct a
/// plugin hands to the kernel (the kernel reads it only from plugins whose minor has it),
/// a new header. A kernel loads plugins built against its own minor or an older one,
/// never a newer one. The history is in the SDK changelog (sdk/README.md).
#define ORBITA_SDK_ABI_MINOR 3
/// @brief The SDK release, as text ("1.2.0").
#define ORBITA_SDK_VERSION "1.3.0"

#define ORBITA_SDK_STR2(x) #x
/// @brief Turns a macro's value into a string literal (internal helper of the fingerprint).
#define ORBITA_SDK_STR(x) ORBITA_SDK_STR2(x)

/// @brief What must be identical between the kernel and a plugin for C++ objects
/// (std::string, std::function, nlohmann::json, virtual tables) to cross the library
/// boundary safely: compiler and version, standard library release and string ABI,
/// C++ standard, nlohmann/json version and the SDK ABI major (not the minor: plugins of
/// an older minor are meant to load, see ORBITA_SDK_ABI_MINOR). Computed where it is
/// expanded, so the kernel and each plugin embed the values they were compiled with.
#define ORBITA_SDK_BUILD_FINGERPRINT                                                                      \
    "cc=" __VERSION__ ";stdlib=" ORBITA_SDK_STR(__GLIBCXX__) "/" ORBITA_SDK_STR(_GLIBCXX_USE_CXX11_ABI)   \
    ";std=" ORBITA_SDK_STR(__cplusplus) ";json=" ORBITA_SDK_STR(NLOHMANN_JSON_VERSION_MAJOR) "."          \
    ORBITA_SDK_STR(NLOHMANN_JSON_VERSION_MINOR) "." ORBITA_SDK_STR(NLOHMANN_JSON_VERSION_PATCH)           \
    ";abi=" ORBITA_SDK_STR(ORBITA_SDK_ABI_MAJOR)
