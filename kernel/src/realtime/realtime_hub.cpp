// SPDX-License-Identifier: Apache-2.0
#include "realtime/realtime_hub.hpp"

#include "core/problem.hpp"
#include "events/event_bus.hpp"

#include <algorithm>

namespace orbita::kernel::realtime {

RealtimeHub::RealtimeHub(events::EventBus& bus, RealtimeOptions options) : bus_(bus), options_(std::move(options)) {
    // Every event: record and notification events, and plugin events that may carry a
    // live channel message. Matching is a few string comparisons per open session.
    bus_subscriptions_.push_back(bus_.subscribe("*", [this](const events::Event& e) { dispatch(e); }));
}

RealtimeHub::~RealtimeHub() {
    for (auto id : bus_subscriptions_) bus_.unsubscribe(id);
}

RealtimeHub::Registration::~Registration() { hub_.detach(session_.get()); }

std::unique_ptr<RealtimeHub::Registration> RealtimeHub::attach(std::shared_ptr<LiveSession> session) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (sessions_.size() >= options_.max_connections)
            throw Problem(503, "too-many-connections", "Service unavailable",
                          "the server holds " + std::to_string(options_.max_connections) +
                              " live connections already; try again later");
        sessions_.push_back(session);
    }
    return std::make_unique<Registration>(*this, std::move(session));
}

void RealtimeHub::detach(const LiveSession* session) {
    std::lock_guard<std::mutex> lock(mutex_);
    sessions_.erase(std::remove_if(sessions_.begin(), sessions_.end(),
                                   [&](const auto& s) { return s.get() == session; }),
                    sessions_.end());
}

std::size_t RealtimeHub::connections() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return sessions_.size();
}

void RealtimeHub::dispatch(const events::Event& event) {
    if (connections() == 0) return;
    // One shared copy per event, however many sessions queue it.
    auto shared = std::make_shared<const events::Event>(event);
    std::vector<std::shared_ptr<LiveSession>> sessions;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        sessions = sessions_;
    }
    for (const auto& s : sessions) s->offer(shared);
}

}  // namespace orbita::kernel::realtime
