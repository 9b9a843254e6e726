// SPDX-License-Identifier: Apache-2.0
#include "plugins/plugin_logger.hpp"

#include <spdlog/spdlog.h>

namespace orbita::kernel::plugins {

void PluginLogger::debug(const std::string& message) { spdlog::debug("{}{}", prefix_, message); }
void PluginLogger::info(const std::string& message) { spdlog::info("{}{}", prefix_, message); }
void PluginLogger::warn(const std::string& message) { spdlog::warn("{}{}", prefix_, message); }
void PluginLogger::error(const std::string& message) { spdlog::error("{}{}", prefix_, message); }

}  // namespace orbita::kernel::plugins
