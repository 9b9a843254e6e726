// SPDX-License-Identifier: Apache-2.0
// Errors raised by plugin code after startup (handlers, subscribers, actions).
#pragma once

#include <map>
#include <mutex>
#include <string>

namespace orbita::kernel::plugins {

/// Counts, per plugin, calls into its code that threw, and keeps the last message, so
/// the admin API shows a plugin that misbehaves at run time, not only at startup.
class PluginFaults {
public:
    /// Records a fault of `plugin_id` and logs it with `what` (where it happened).
    void report(const std::string& plugin_id, const std::string& what, const std::string& message);
    /// {"count": n, "last": "..."} for one plugin (count 0 when none).
    std::pair<long, std::string> of(const std::string& plugin_id) const;

private:
    mutable std::mutex mutex_;
    std::map<std::string, std::pair<long, std::string>> faults_;
};

/// Runs `fn` (a call into plugin code) and turns any exception into a report to
/// `faults` and a rethrown std::runtime_error "plugin <id> failed in <what>: <message>".
template <class F>
auto call_plugin(PluginFaults& faults, const std::string& plugin_id, const std::string& what, F&& fn) -> decltype(fn());

}  // namespace orbita::kernel::plugins

#include "plugins/plugin_faults_impl.hpp"
