// SPDX-License-Identifier: Apache-2.0
#include "plugins/plugin_version.hpp"

#include <charconv>

namespace orbita::kernel::plugins {

std::optional<PluginVersion> PluginVersion::parse(const std::string& text) {
    PluginVersion v;
    int* parts[] = {&v.major, &v.minor, &v.patch};
    const char* p = text.data();
    const char* end = text.data() + text.size();
    for (int i = 0; i < 3; ++i) {
        auto [next, ec] = std::from_chars(p, end, *parts[i]);
        if (ec != std::errc() || next == p) return std::nullopt;
        p = next;
        if (i < 2) {
            if (p == end || *p != '.') return std::nullopt;
            ++p;
        }
    }
    if (p != end) return std::nullopt;
    return v;
}

std::string PluginVersion::to_string() const {
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

bool satisfies(const PluginVersion& compat, const PluginVersion& version, const PluginVersion& wanted) {
    return compat <= wanted && wanted <= version;
}

}  // namespace orbita::kernel::plugins
