// SPDX-License-Identifier: Apache-2.0
// Plugins' health() answers for /health and the admin report, cached and time-bounded.
#pragma once

#include "orbita/sdk/plugin.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace orbita::kernel::plugins {

/// One plugin's health as reported: the answer of its health(), or why there is none.
struct PluginHealthReport {
    sdk::Health health = sdk::Health::Ok;
    std::string detail;  ///< empty when health() answered; else what went wrong
};

/// "ok", "degraded" or "fatal".
const char* to_string(sdk::Health health);

/// Asks running plugins how they are, without letting a slow or throwing health() slow
/// down or break the caller. Each answer is cached for `cache`; a stale one is refreshed
/// on a thread of its own (never on the request thread), and `check()` waits at most
/// `wait` for the refreshes it started. A plugin whose health() has not answered by then
/// is reported Degraded ("has not answered for N ms") until it does; one that threw is
/// Fatal with the exception's message (the host's probe says "plugin X failed in health: ...").
class PluginHealthMonitor {
public:
    struct Options {
        std::chrono::milliseconds cache{1000};
        std::chrono::milliseconds wait{100};
    };
    /// Calls the plugin's health(); may throw (the monitor reports that as Fatal).
    using Probe = std::function<sdk::Health()>;

    explicit PluginHealthMonitor(Options options) : options_(options) {}

    /// Starts watching a running plugin.
    void watch(const std::string& plugin_id, Probe probe);
    /// Every watched plugin's current report, refreshing stale ones first.
    std::map<std::string, PluginHealthReport> check();
    /// Stops watching `plugin_id`, waiting up to `limit` for a health() call still
    /// running on it. False when it is still running: the plugin must then not be destroyed.
    bool forget(const std::string& plugin_id, std::chrono::milliseconds limit);

private:
    struct Slot;
    Options options_;
    std::mutex mutex_;
    std::map<std::string, std::shared_ptr<Slot>> slots_;
};

}  // namespace orbita::kernel::plugins
