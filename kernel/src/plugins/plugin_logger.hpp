// SPDX-License-Identifier: Apache-2.0
// sdk::Logger writing to the kernel log with the plugin id.
#pragma once

#include "orbita/sdk/logger.hpp"

#include <string>

namespace orbita::kernel::plugins {

/// Prefixes every line with "[plugin <id>]"; spdlog adds the request id when there is one.
class PluginLogger final : public sdk::Logger {
public:
    explicit PluginLogger(std::string plugin_id) : prefix_("[plugin " + std::move(plugin_id) + "] ") {}
    void debug(const std::string& message) override;
    void info(const std::string& message) override;
    void warn(const std::string& message) override;
    void error(const std::string& message) override;

private:
    std::string prefix_;
};

}  // namespace orbita::kernel::plugins
