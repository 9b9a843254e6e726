// SPDX-License-Identifier: Apache-2.0
#include "events/event_bus.hpp"

#include "storage/database.hpp"

#include <spdlog/spdlog.h>

namespace orbita::kernel::events {

bool EventBus::matches(const std::string& pattern, const std::string& name) {
    if (pattern == "*" || pattern == name) return true;
    if (pattern.size() >= 2 && pattern.compare(pattern.size() - 2, 2, ".*") == 0) {
        return name.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0;
    }
    return false;
}

std::uint64_t EventBus::subscribe(std::string pattern, Handler handler, Phase phase) {
    std::lock_guard<std::mutex> lock(mutex_);
    subscriptions_.push_back({next_id_, std::move(pattern), std::move(handler), phase});
    return next_id_++;
}

void EventBus::unsubscribe(std::uint64_t id) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::erase_if(subscriptions_, [id](const Subscription& s) { return s.id == id; });
}

std::vector<EventBus::Subscription> EventBus::matching(const std::string& name, Phase phase) const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<Subscription> out;
    for (const auto& s : subscriptions_) {
        if (s.phase == phase && matches(s.pattern, name)) out.push_back(s);
    }
    return out;
}

void EventBus::publish(storage::Transaction& tx, const Event& event) {
    for (const auto& s : matching(event.name, Phase::InTransaction)) s.handler(event);
    auto after = matching(event.name, Phase::AfterCommit);
    if (after.empty()) return;
    tx.after_commit([after = std::move(after), event] {
        for (const auto& s : after) {
            try {
                s.handler(event);
            } catch (const std::exception& e) {
                spdlog::error("event subscriber '{}' failed on {}: {}", s.pattern, event.name, e.what());
            }
        }
    });
}

void EventBus::publish_now(const Event& event) {
    for (const auto& s : matching(event.name, Phase::InTransaction)) s.handler(event);
    for (const auto& s : matching(event.name, Phase::AfterCommit)) {
        try {
            s.handler(event);
        } catch (const std::exception& e) {
            spdlog::error("event subscriber '{}' failed on {}: {}", s.pattern, event.name, e.what());
        }
    }
}

}  // namespace orbita::kernel::events
