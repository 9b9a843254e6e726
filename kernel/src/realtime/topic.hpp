// SPDX-License-Identifier: Apache-2.0
// What a WebSocket client subscribes to, as text and as a matcher of kernel events.
#pragma once

#include "events/event_bus.hpp"

#include <cstdint>
#include <string>

namespace orbita::kernel::realtime {

/// The payload member that makes a plugin event a live channel message: only this part
/// reaches browsers (sdk/README.md, "Live channels").
inline constexpr const char* kLiveMember = "live";

/// One subscription: `type:<entity type>`, `record:<entity type>:<id>`,
/// `notifications` (one's own) or `channel:<plugin id>.<name>` (the plugin's events of
/// that name that carry a `live` payload member).
struct Topic {
    enum class Kind { Type, Record, Notifications, Channel };
    Kind kind = Kind::Notifications;
    std::string entity_type;
    std::int64_t record_id = 0;
    std::string channel;

    /// Problem 400 `bad-topic` naming the accepted forms.
    static Topic parse(const std::string& text);
    std::string text() const;
    /// Whether `event` belongs to this topic (before any permission check).
    bool matches(const events::Event& event) const;
    bool operator==(const Topic& other) const { return text() == other.text(); }
};

/// True for the record events a type or record topic carries.
bool is_record_event(const std::string& name);

}  // namespace orbita::kernel::realtime
