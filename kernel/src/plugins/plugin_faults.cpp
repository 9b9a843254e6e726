// SPDX-License-Identifier: Apache-2.0
#include "plugins/plugin_faults.hpp"

#include <spdlog/spdlog.h>

namespace orbita::kernel::plugins {

void PluginFaults::report(const std::string& plugin_id, const std::string& what, const std::string& message) {
    spdlog::error("plugin {} failed in {}: {}", plugin_id, what, message);
    std::lock_guard lock(mutex_);
    auto& f = faults_[plugin_id];
    ++f.first;
    f.second = what + ": " + message;
}

std::pair<long, std::string> PluginFaults::of(const std::string& plugin_id) const {
    std::lock_guard lock(mutex_);
    auto it = faults_.find(plugin_id);
    return it == faults_.end() ? std::pair<long, std::string>{0, ""} : it->second;
}

}  // namespace orbita::kernel::plugins
