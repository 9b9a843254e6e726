// SPDX-License-Identifier: Apache-2.0
// /api/v1/calendar (working-time questions) and /api/v1/admin/calendar (editing).
#pragma once

namespace orbita::kernel {
class Clock;
namespace http {
class Router;
}
namespace acl {
class AccessAdmin;
}
namespace audit {
class AuditLog;
}
namespace storage {
class Database;
}
}  // namespace orbita::kernel

namespace orbita::kernel::calendar {

class CalendarStore;

/// Any signed-in user may read the calendar and ask it questions (is this moment
/// working time, what is "N working minutes later", how many working days lie between
/// two dates); only administrators change it, and every change is audited.
void register_calendar_api(http::Router& router, CalendarStore& store, storage::Database& db, acl::AccessAdmin& access,
                           audit::AuditLog& audit, const Clock& clock);

}  // namespace orbita::kernel::calendar
