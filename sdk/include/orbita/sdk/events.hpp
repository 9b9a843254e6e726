// SPDX-License-Identifier: Apache-2.0
// Subscribing to kernel and plugin events.
#pragma once

#include "orbita/sdk/result.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <string>

namespace orbita::sdk {

/// @brief Something that happened: "record.created", "record.updated",
/// "record.archived", "record.restored", "record.stage_changed" (with `entity_type` and
/// `record_id`) or a plugin's own dotted name. For a plugin's event, `entity_type` and
/// `record_id` name the record it is about, if any: triggers of kind "event" move that
/// record. `payload` is plain data you may keep.
struct Event {
    std::string name;
    std::string entity_type;
    std::int64_t record_id = 0;
    nlohmann::json payload;
};

/// @brief When a subscriber runs. AfterCommit (the default): after the change is
/// committed; a failure is logged and never undoes it. InTransaction: inside the
/// writing transaction; an exception aborts the whole write, so use it only for work
/// that must be atomic with the change.
enum class EventPhase { AfterCommit, InTransaction };

/// @brief An event handler. Called on the thread that made the change, possibly
/// concurrently with itself; only after every plugin finished `initialize`.
using EventHandler = std::function<void(const Event&)>;

/// @brief Raises your plugin's own events, for instance the one a trigger source you
/// declared (TriggerRegistrar) listens for. Get it from EventRegistrar::publisher() in
/// `initialize` and keep it: it stays valid for the life of the process.
class EventPublisher {
public:
    virtual ~EventPublisher() = default;
    /// @brief Raises `event` to every subscriber. Its name must start with "<plugin id>.".
    /// It is raised inside the write transaction of the calling thread when there is one
    /// (from a route that wrote records, say), else in a transaction of its own, so
    /// InTransaction subscribers (the trigger engine queueing its work) commit together
    /// with it. Fails with "invalid-event" for a name outside your prefix, or with the
    /// error of an InTransaction subscriber that refused the event.
    virtual Result<void> publish(Event event) = 0;
};

/// @brief Subscribes to events. Use only inside Plugin::initialize. `pattern` is an exact
/// name, a prefix ending in ".*" ("record.*") or "*".
class EventRegistrar {
public:
    virtual ~EventRegistrar() = default;
    /// @brief Stages a subscription; it starts receiving events once `initialize` succeeded.
    virtual Result<void> subscribe(std::string pattern, EventHandler handler,
                                   EventPhase phase = EventPhase::AfterCommit) = 0;
    /// @brief Where your plugin raises its own events; valid for the life of the process
    /// (events raised before `initialize` succeeded reach only kernel subscribers).
    virtual EventPublisher& publisher() = 0;
};

}  // namespace orbita::sdk
