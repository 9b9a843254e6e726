// SPDX-License-Identifier: Apache-2.0
// Fans kernel events out to the open WebSocket sessions.
#pragma once

#include "realtime/live_session.hpp"
#include "realtime/realtime_options.hpp"

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace orbita::kernel::events {
class EventBus;
}

namespace orbita::kernel::realtime {

/// Subscribes once to every event (after commit, so a client never hears of a change
/// that was rolled back) and offers each to every open session, which keeps what its
/// topics match. Events are those of this process: with several nodes a client
/// hears of the changes made through its own node (kernel README, "Realtime").
class RealtimeHub {
public:
    RealtimeHub(events::EventBus& bus, RealtimeOptions options);
    ~RealtimeHub();
    RealtimeHub(const RealtimeHub&) = delete;
    RealtimeHub& operator=(const RealtimeHub&) = delete;

    /// Keeps a session registered while it lives.
    class Registration {
    public:
        Registration(RealtimeHub& hub, std::shared_ptr<LiveSession> session) : hub_(hub), session_(std::move(session)) {}
        ~Registration();
        Registration(const Registration&) = delete;
        Registration& operator=(const Registration&) = delete;

    private:
        RealtimeHub& hub_;
        std::shared_ptr<LiveSession> session_;
    };
    /// Registers `session`; Problem 503 when max_connections are open.
    std::unique_ptr<Registration> attach(std::shared_ptr<LiveSession> session);
    std::size_t connections() const;
    const RealtimeOptions& options() const { return options_; }

private:
    void dispatch(const events::Event& event);
    void detach(const LiveSession* session);

    events::EventBus& bus_;
    RealtimeOptions options_;
    std::vector<std::uint64_t> bus_subscriptions_;
    mutable std::mutex mutex_;
    std::vector<std::shared_ptr<LiveSession>> sessions_;
};

}  // namespace orbita::kernel::realtime
