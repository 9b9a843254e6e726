// SPDX-License-Identifier: Apache-2.0
#include "notifications/notifier.hpp"

#include "auth/user_directory.hpp"
#include "core/problem.hpp"
#include "events/event_bus.hpp"
#include "notifications/notification_store.hpp"

namespace orbita::kernel::notifications {

void Notifier::validate(const NotificationMessage& message) {
    std::vector<FieldError> errors;
    if (message.body.empty()) errors.push_back({"text", "required", "the notification text is empty"});
    if (message.body.size() > NotificationMessage::kMaxBody)
        errors.push_back({"text", "too_long", "the notification text is longer than 4000 bytes"});
    if (message.title.size() > NotificationMessage::kMaxTitle)
        errors.push_back({"title", "too_long", "the notification title is longer than 200 bytes"});
    if (message.link && (message.link->type.empty() || message.link->id <= 0))
        errors.push_back({"link", "invalid_value", "a link names a record: {type, id}"});
    if (!errors.empty()) throw Problem::validation(std::move(errors));
}

Notification Notifier::notify(storage::Transaction& tx, std::int64_t recipient_id, NotificationMessage message) {
    validate(message);
    users_.actor(recipient_id, "user");

    Notification n;
    n.recipient_id = recipient_id;
    n.created_at = clock_.now();
    n.message = std::move(message);
    n.id = NotificationStore::insert(tx.conn(), recipient_id, n.message, n.created_at);
    events_.publish(tx, events::Event{kCreatedEvent, "", 0, n.to_json()});
    return n;
}

}  // namespace orbita::kernel::notifications
