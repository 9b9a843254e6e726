// SPDX-License-Identifier: Apache-2.0
// spdlog set-up: text or JSON lines, each carrying the request id.
#pragma once

#include <string>

namespace orbita::kernel::log {

/// Log options (config section `log`).
struct LogOptions {
    std::string level = "info";   ///< trace, debug, info, warn, error, critical, off
    std::string format = "text";  ///< text or json
    std::string file;             ///< empty: standard error
};

/// Installs the default logger. Text lines look like
/// `2024-03-15 09:30:00.123 info [req 3f2a...] message`; JSON lines are
/// `{"ts":..., "level":..., "request_id":..., "msg":...}`.
void configure_logging(const LogOptions& options);

}  // namespace orbita::kernel::log
