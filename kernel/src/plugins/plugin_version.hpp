// SPDX-License-Identifier: Apache-2.0
// major.minor.patch versions of plugins and the dependency rule between them.
#pragma once

#include <compare>
#include <optional>
#include <string>

namespace orbita::kernel::plugins {

/// A plugin version. Only numeric major.minor.patch: the manifest schema refuses
/// anything else, so comparisons never guess.
struct PluginVersion {
    int major = 0;
    int minor = 0;
    int patch = 0;

    static std::optional<PluginVersion> parse(const std::string& text);
    std::string to_string() const;
    auto operator<=>(const PluginVersion&) const = default;
};

/// Qt Creator's rule: a plugin at `version` that is compatible back to `compat`
/// satisfies a dependency on `wanted` when compat <= wanted <= version.
bool satisfies(const PluginVersion& compat, const PluginVersion& version, const PluginVersion& wanted);

}  // namespace orbita::kernel::plugins
