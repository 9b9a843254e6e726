// SPDX-License-Identifier: Apache-2.0
// One plugin shared library, loaded with Boost.DLL and never unloaded.
#pragma once

#include "orbita/sdk/abi.hpp"
#include "orbita/sdk/plugin.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

namespace orbita::kernel::plugins {

/// The library could not be loaded or lacks an entry point; the message is the loader's.
class LibraryError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A plugin instance, deleted through the library's own `orbita_plugin_destroy`.
using PluginInstance = std::unique_ptr<sdk::Plugin, std::function<void(sdk::Plugin*)>>;

/// Loads `lib<id>.so` with rtld_now | rtld_local: rtld_now so an unresolved symbol fails
/// here, with the loader's message, instead of crashing on first call; rtld_local so two
/// plugins' symbols cannot bind to each other. The handle is kept in a process-wide
/// list and never closed: route handlers, subscribers and std::function objects hold
/// code from the library until the process ends (a second kernel in the same process,
/// as in tests, reuses the handle).
class PluginLibrary {
public:
    /// Loads the library; throws LibraryError.
    explicit PluginLibrary(const std::filesystem::path& file);

    /// The C probe; throws LibraryError when the symbol is missing. Safe to call for any
    /// library: it passes no C++ objects.
    const OrbitaPluginAbi& probe() const;
    /// Creates the plugin through the factory; call only after check_abi passed. Throws
    /// LibraryError when the entry points are missing or the constructor failed.
    PluginInstance create() const;

    /// The Boost.DLL handle (defined in the .cpp; public only so the keep-alive list can name it).
    struct Handle;

private:
    std::shared_ptr<Handle> handle_;
    std::filesystem::path file_;
};

}  // namespace orbita::kernel::plugins
