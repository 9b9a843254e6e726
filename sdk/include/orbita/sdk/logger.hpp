// SPDX-License-Identifier: Apache-2.0
// Logging into the kernel's log.
#pragma once

#include <string>

namespace orbita::sdk {

/// @brief Writes to the kernel's log, each line tagged with your plugin id (and the
/// request id when called while serving a request). Thread-safe; usable from
/// construction to destruction of your plugin. Never log secrets.
class Logger {
public:
    virtual ~Logger() = default;
    virtual void debug(const std::string& message) = 0;
    virtual void info(const std::string& message) = 0;
    virtual void warn(const std::string& message) = 0;
    virtual void error(const std::string& message) = 0;
};

}  // namespace orbita::sdk
