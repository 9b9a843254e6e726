// SPDX-License-Identifier: Apache-2.0
// The stored working calendar, its shipped default and a cached compiled copy.
#pragma once

#include "calendar/working_calendar.hpp"
#include "storage/database.hpp"

#include <chrono>
#include <memory>
#include <mutex>

namespace orbita::kernel::calendar {

/// The "default" calendar of `working_calendars`. On first start it is the Russian
/// production calendar shipped with the kernel (kernel/calendar/ru-production.calendar.json);
/// after that the stored copy is authoritative, so an administrator's edit is never
/// overwritten by an upgrade.
///
/// `current()` is called by every working-time computation, so the compiled calendar
/// is cached; the cache compares the stored version at most every few seconds, which
/// is how an edit made on another node arrives here.
class CalendarStore {
public:
    explicit CalendarStore(storage::Database& db) : db_(db) {}

    /// Stores the shipped calendar unless a calendar is stored already.
    void install_default();
    std::shared_ptr<const WorkingCalendar> current();
    /// The stored definition plus "version", "updated_at" and "updated_by".
    nlohmann::json document();
    CalendarDefinition definition();
    /// Replaces the definition within `tx` (the caller checked the rights); answers
    /// the new version. Other nodes see it within the cache period.
    std::int64_t save(storage::Transaction& tx, const CalendarDefinition& definition, std::int64_t user_id, TimePoint now);

private:
    struct Stored {
        CalendarDefinition definition;
        std::int64_t version = 0;
        std::int64_t updated_at = 0;
        std::int64_t updated_by = 0;
    };
    Stored load(storage::Connection& conn);

    storage::Database& db_;
    std::mutex mutex_;
    std::shared_ptr<const WorkingCalendar> cached_;
    std::int64_t cached_version_ = -1;
    std::chrono::steady_clock::time_point checked_{};
};

}  // namespace orbita::kernel::calendar
