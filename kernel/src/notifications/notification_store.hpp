// SPDX-License-Identifier: Apache-2.0
// The SQL of the notifications table.
#pragma once

#include "notifications/notification.hpp"
#include "storage/database.hpp"

#include <optional>
#include <vector>

namespace orbita::kernel::notifications {

/// A page of one user's notifications, newest first; `before_id` is the keyset cursor.
struct NotificationFilter {
    std::int64_t recipient_id = 0;
    bool unread_only = false;
    std::optional<std::int64_t> before_id;
    int limit = 50;
};

/// Stateless access to `notifications`. Every read and change names the recipient,
/// so one user's id never reaches another user's rows.
class NotificationStore {
public:
    static std::int64_t insert(storage::Connection& conn, std::int64_t recipient_id, const NotificationMessage& message,
                               TimePoint now);
    static std::vector<Notification> list(storage::Connection& conn, const NotificationFilter& filter);
    static std::optional<Notification> get(storage::Connection& conn, std::int64_t recipient_id, std::int64_t id);
    static std::int64_t unread_count(storage::Connection& conn, std::int64_t recipient_id);
    /// Marks one notification read (once: a second call keeps the first time); false
    /// when the recipient has no such notification.
    static bool mark_read(storage::Connection& conn, std::int64_t recipient_id, std::int64_t id, TimePoint now);
    /// Marks every unread notification of the recipient read; answers how many.
    static std::int64_t mark_all_read(storage::Connection& conn, std::int64_t recipient_id, TimePoint now);
};

}  // namespace orbita::kernel::notifications
