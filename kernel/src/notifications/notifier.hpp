// SPDX-License-Identifier: Apache-2.0
// Sending in-app notifications from any write transaction.
#pragma once

#include "core/clock.hpp"
#include "notifications/notification.hpp"

namespace orbita::kernel::storage {
class Transaction;
}
namespace orbita::kernel::events {
class EventBus;
}
namespace orbita::kernel::auth {
class UserDirectory;
}

namespace orbita::kernel::notifications {

/// Robots, processes, Lua and plugins tell a user something with `notify`. The
/// notification is written in the caller's transaction, so it exists exactly when the
/// change that caused it commits, and the event `notification.created` (payload: the
/// notification as the API shows it, plus `recipient_id`) is raised in the same
/// transaction: in-transaction subscribers see it at once, the WebSocket push (an
/// after-commit subscriber) only once it is real.
class Notifier {
public:
    Notifier(events::EventBus& events, auth::UserDirectory& users, const Clock& clock)
        : events_(events), users_(users), clock_(clock) {}

    /// Writes a notification for the active user `recipient_id`. Problem 422 for an
    /// unknown or inactive recipient, an empty or too long body, a too long title.
    Notification notify(storage::Transaction& tx, std::int64_t recipient_id, NotificationMessage message);

    /// Problem 422 when `message` could not be sent (empty or too long texts, a
    /// malformed link); `notify` checks it too.
    static void validate(const NotificationMessage& message);

    static constexpr const char* kCreatedEvent = "notification.created";

private:
    events::EventBus& events_;
    auth::UserDirectory& users_;
    const Clock& clock_;
};

}  // namespace orbita::kernel::notifications
