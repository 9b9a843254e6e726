// SPDX-License-Identifier: Apache-2.0
#include "plugins/plugin_health.hpp"

#include <condition_variable>
#include <exception>
#include <optional>
#include <thread>
#include <vector>

namespace orbita::kernel::plugins {

using Clock = std::chrono::steady_clock;

const char* to_string(sdk::Health health) {
    switch (health) {
        case sdk::Health::Ok: return "ok";
        case sdk::Health::Degraded: return "degraded";
        case sdk::Health::Fatal: return "fatal";
    }
    return "fatal";
}

// Shared with the thread running the probe, so a probe that outlives a check (or the
// monitor) still has somewhere to put its answer.
struct PluginHealthMonitor::Slot {
    Probe probe;
    std::mutex mutex;
    std::condition_variable done;
    bool running = false;
    bool forgotten = false;  // no new calls: the plugin is about to be destroyed
    Clock::time_point started;
    std::optional<PluginHealthReport> last;
    Clock::time_point answered;

    void run() {
        PluginHealthReport report;
        try {
            report.health = probe();
        } catch (const std::exception& e) {
            report = {sdk::Health::Fatal, e.what()};  // the probe's message names plugin and call
        } catch (...) {
            report = {sdk::Health::Fatal, "health() threw a non-standard exception"};
        }
        std::lock_guard lock(mutex);
        last = std::move(report);
        answered = Clock::now();
        running = false;
        done.notify_all();
    }
};

void PluginHealthMonitor::watch(const std::string& plugin_id, Probe probe) {
    auto slot = std::make_shared<Slot>();
    slot->probe = std::move(probe);
    std::lock_guard lock(mutex_);
    slots_[plugin_id] = std::move(slot);
}

std::map<std::string, PluginHealthReport> PluginHealthMonitor::check() {
    std::map<std::string, std::shared_ptr<Slot>> slots;
    {
        std::lock_guard lock(mutex_);
        slots = slots_;
    }
    const auto now = Clock::now();
    for (auto& [id, slot] : slots) {
        std::lock_guard lock(slot->mutex);
        if (slot->forgotten || slot->running || (slot->last && now - slot->answered < options_.cache)) continue;
        slot->running = true;
        slot->started = now;
        std::thread([slot = slot] { slot->run(); }).detach();
    }
    std::map<std::string, PluginHealthReport> out;
    for (auto& [id, slot] : slots) {
        std::unique_lock lock(slot->mutex);
        // Each call gets `wait` from its start: one already overdue (stuck) costs no waiting.
        slot->done.wait_until(lock, slot->started + options_.wait, [&] { return !slot->running; });
        const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - slot->started);
        if (slot->running && (waited >= options_.wait || !slot->last)) {
            out[id] = {sdk::Health::Degraded, "health() has not answered for " + std::to_string(waited.count()) + " ms"};
        } else {
            out[id] = slot->last.value_or(PluginHealthReport{});
        }
    }
    return out;
}

bool PluginHealthMonitor::forget(const std::string& plugin_id, std::chrono::milliseconds limit) {
    std::shared_ptr<Slot> slot;
    {
        std::lock_guard lock(mutex_);
        auto it = slots_.find(plugin_id);
        if (it == slots_.end()) return true;
        slot = it->second;
        slots_.erase(it);
    }
    std::unique_lock lock(slot->mutex);
    slot->forgotten = true;
    return slot->done.wait_for(lock, limit, [&] { return !slot->running; });
}

}  // namespace orbita::kernel::plugins
