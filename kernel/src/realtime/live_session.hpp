// SPDX-License-Identifier: Apache-2.0
// One WebSocket client's protocol state: subscriptions, queued events, replies.
#pragma once

#include "core/actor.hpp"
#include "events/event_bus.hpp"
#include "realtime/event_projector.hpp"
#include "realtime/realtime_options.hpp"
#include "realtime/topic.hpp"

#include <nlohmann/json.hpp>

#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace orbita::kernel::realtime {

/// The protocol of /api/v1/ws without the network, so it is testable on its own.
/// Client messages are JSON objects: {"op":"subscribe"|"unsubscribe","topic":...,"id":...}
/// and {"op":"ping"}; each gets one reply ("subscribed", "unsubscribed", "pong" or
/// "error" with a problem slug in `code`), echoing the client's `id`.
///
/// Events arrive on the writer's thread through offer(), which only matches topics and
/// queues (never touches the database, so a write is not slowed by its readers); the
/// connection's own thread calls drain(), which applies the permission checks. A full
/// queue marks the session overflowed: the connection then closes it.
class LiveSession {
public:
    LiveSession(Actor actor, const VisibleRecords& records, const RealtimeOptions& options);

    /// Answers one text message from the client.
    nlohmann::json handle(const std::string& text);
    /// Queues `event` if some subscription matches it; called by the hub on any thread.
    void offer(const std::shared_ptr<const events::Event>& event);
    /// The frames of the queued events this user may see, in order.
    std::vector<std::string> drain();
    bool overflowed() const;
    /// True when events wait for drain().
    bool has_pending() const;
    /// Replaces the identity after the session was checked again (fresh rights).
    void set_actor(Actor actor);
    Actor actor() const;
    std::size_t subscription_count() const;

private:
    nlohmann::json subscribe(const std::string& text);
    nlohmann::json unsubscribe(const std::string& text);
    // The first subscribed topic that carries `event`, if any (under mutex_).
    const Topic* topic_for(const events::Event& event) const;

    const VisibleRecords& records_;
    EventProjector projector_;
    const RealtimeOptions& options_;
    mutable std::mutex mutex_;
    Actor actor_;
    std::vector<Topic> topics_;
    std::deque<std::shared_ptr<const events::Event>> queue_;
    bool overflowed_ = false;
};

}  // namespace orbita::kernel::realtime
