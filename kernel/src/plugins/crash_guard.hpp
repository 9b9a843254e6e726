// SPDX-License-Identifier: Apache-2.0
// Remembers which plugin was being loaded when a start died.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace orbita::kernel::plugins {

/// One marker file per plugin, `<data_dir>/plugins-loading/<id>.marker`, exists while
/// the plugin's library is loaded, created and initialized. A marker found at the next
/// start means that start died inside the plugin (a segfault, an abort): the plugin is
/// skipped with that reason until an operator deletes the marker, unless it is required.
/// Files rather than one lock file so a crash of one plugin never hides another's.
class CrashGuard {
public:
    explicit CrashGuard(std::filesystem::path data_dir);

    /// The marker path when the previous start died while loading `id`.
    std::optional<std::filesystem::path> crashed_before(const std::string& id) const;
    /// Writes the marker before plugin code runs (a crashed process leaves it behind).
    void enter(const std::string& id) const;
    /// Removes the marker once the plugin's code returned, whatever it answered.
    void leave(const std::string& id) const;

private:
    std::filesystem::path marker(const std::string& id) const;
    std::filesystem::path dir_;
};

}  // namespace orbita::kernel::plugins
