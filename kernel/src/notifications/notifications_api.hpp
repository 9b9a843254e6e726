// SPDX-License-Identifier: Apache-2.0
// REST API of the signed-in user's own notifications.
#pragma once

#include "core/clock.hpp"

namespace orbita::kernel::http {
class Router;
}
namespace orbita::kernel::storage {
class Database;
}

namespace orbita::kernel::notifications {

/// GET  /api/v1/notifications?unread=true&limit=&cursor=  own notifications, newest first,
///                                                        with `unread_count`
/// POST /api/v1/notifications/{id}/read                   marks one read (404 if not one's own)
/// POST /api/v1/notifications/read-all                    marks every unread one read
///
/// Everything is scoped to the caller: another user's notification answers 404, as if
/// it did not exist. System actors (which have no inbox) get 403.
void register_notifications_api(http::Router& router, storage::Database& db, const Clock& clock);

}  // namespace orbita::kernel::notifications
