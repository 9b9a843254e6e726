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
/// "record.archived", "record.restored" (with `entity_type` and `record_id`) or a
/// plugin's own dotted name. `payload` is plain data you may keep.
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

/// @brief Subscribes to events. Use only inside Plugin::initialize. `pattern` is an exact
/// name, a prefix ending in ".*" ("record.*") or "*".
class EventRegistrar {
public:
    virtual ~EventRegistrar() = default;
    /// @brief Stages a subscription; it starts receiving events once `initialize` succeeded.
    virtual Result<void> subscribe(std::string pattern, EventHandler handler,
                                   EventPhase phase = EventPhase::AfterCommit) = 0;
};

}  // namespace orbita::sdk
