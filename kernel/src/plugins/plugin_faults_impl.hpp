// SPDX-License-Identifier: Apache-2.0
// Template part of plugin_faults.hpp.
#pragma once

#include <stdexcept>

namespace orbita::kernel::plugins {

/// Thrown when plugin code failed; the message names the plugin and the call.
class PluginCallError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

template <class F>
auto call_plugin(PluginFaults& faults, const std::string& plugin_id, const std::string& what, F&& fn) -> decltype(fn()) {
    std::string message;
    try {
        return fn();
    } catch (const std::exception& e) {
        message = e.what();
    } catch (...) {
        message = "a non-standard exception";
    }
    faults.report(plugin_id, what, message);
    throw PluginCallError("plugin " + plugin_id + " failed in " + what + ": " + message);
}

}  // namespace orbita::kernel::plugins
