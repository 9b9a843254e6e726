// SPDX-License-Identifier: Apache-2.0
// The plugin table printed at startup and by `orbita plugins`.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace orbita::kernel::plugins {

/// A fixed-width text table of PluginHost::report(): plugin, version, state, load ms,
/// reason. Reasons are kept whole (they are what the operator needs to read).
std::string format_startup_table(const nlohmann::json& report);
/// Logs the table: info when every plugin runs, warn when one failed.
void log_startup_table(const nlohmann::json& report);

}  // namespace orbita::kernel::plugins
