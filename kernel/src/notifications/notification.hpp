// SPDX-License-Identifier: Apache-2.0
// One in-app notification, and what a sender gives to create one.
#pragma once

#include "core/clock.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace orbita::kernel::notifications {

/// The record a notification points to (the card the UI opens).
struct RecordLink {
    std::string type;
    std::int64_t id = 0;
};

/// What to tell a user. `source` says who sent it: "script:12", "process:5",
/// "robot:7", a plugin id.
struct NotificationMessage {
    std::string title;  ///< may be empty
    std::string body;   ///< 1..kMaxBody bytes
    std::optional<RecordLink> link;
    std::string source;

    static constexpr std::size_t kMaxTitle = 200;
    static constexpr std::size_t kMaxBody = 4000;
};

/// A stored notification.
struct Notification {
    std::int64_t id = 0;
    std::int64_t recipient_id = 0;
    NotificationMessage message;
    TimePoint created_at{};
    std::optional<TimePoint> read_at;

    /// {id, title, body, link: {type, id} | null, source, created_at, read_at, read}.
    nlohmann::json to_json() const;
};

}  // namespace orbita::kernel::notifications
