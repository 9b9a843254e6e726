// SPDX-License-Identifier: Apache-2.0
#include "plugins/service_uses.hpp"

#include <algorithm>

namespace orbita::kernel::plugins {

namespace {

std::string joined(const std::vector<std::string>& items) {
    if (items.empty()) return "none";
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out;
}

}  // namespace

std::optional<std::string> service_uses_problem(const PluginManifest& manifest,
                                                const std::map<std::string, const PluginManifest*>& installed) {
    for (const auto& service : manifest.used_services) {
        const auto provider = service.substr(0, service.find('.'));
        const bool depends = std::any_of(manifest.dependencies.begin(), manifest.dependencies.end(),
                                         [&](const PluginDependency& d) { return d.id == provider; });
        if (!depends) {
            return "uses service " + service + " of plugin " + provider + ", but does not depend on " + provider +
                   " (add it to DEPENDS or OPTIONAL_DEPENDS)";
        }
        auto it = installed.find(provider);
        if (it == installed.end()) continue;
        const auto& offered = it->second->provided_services;
        if (std::find(offered.begin(), offered.end(), service) == offered.end()) {
            return "uses service " + service + ", but " + it->second->label() +
                   " does not provide it (its provides.services: " + joined(offered) + ")";
        }
    }
    return std::nullopt;
}

}  // namespace orbita::kernel::plugins
