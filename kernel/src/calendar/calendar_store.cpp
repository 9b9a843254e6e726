// SPDX-License-Identifier: Apache-2.0
#include "calendar/calendar_store.hpp"

#include "core/resources.hpp"
#include "jobs/job.hpp"
#include "storage/dialect.hpp"

namespace orbita::kernel::calendar {

using storage::ReadKind;
using storage::SqlFragment;

namespace {

constexpr const char* kName = "default";
constexpr const char* kShipped = "kernel/calendar/ru-production.calendar.json";
// How stale another node's edit may be here; the node that saved sees it at once.
constexpr auto kRecheck = std::chrono::seconds(5);

}  // namespace

void CalendarStore::install_default() {
    const auto shipped = CalendarDefinition::parse(nlohmann::json::parse(resource(kShipped)));
    db_.write([&](storage::Transaction& tx) {
        tx.conn().exec(SqlFragment("INSERT INTO working_calendars (name, definition, version, updated_at) VALUES (")
                           .bind(std::string(kName))
                           .sql(", ")
                           .bind(shipped.to_json().dump())
                           .sql(", 1, 0) ON CONFLICT (name) DO NOTHING"));
    });
}

CalendarStore::Stored CalendarStore::load(storage::Connection& conn) {
    auto row = conn.query_one(SqlFragment("SELECT " + conn.dialect().select_expr("definition", storage::ColumnType::Json) +
                                          ", version, updated_at, updated_by FROM working_calendars WHERE name = ")
                                  .bind(std::string(kName)),
                              {ReadKind::Text, ReadKind::Int, ReadKind::Int, ReadKind::Int});
    if (!row) throw std::runtime_error("the working calendar is missing (was the database migrated?)");
    Stored s;
    s.definition = CalendarDefinition::parse(nlohmann::json::parse(storage::as_text((*row)[0]).value_or("{}")));
    s.version = storage::as_int((*row)[1]).value_or(0);
    s.updated_at = storage::as_int((*row)[2]).value_or(0);
    s.updated_by = storage::as_int((*row)[3]).value_or(0);
    return s;
}

std::shared_ptr<const WorkingCalendar> CalendarStore::current() {
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    if (cached_ && now - checked_ < kRecheck) return cached_;
    db_.read([&](storage::Connection& conn) {
        const auto version =
            conn.query_int(SqlFragment("SELECT version FROM working_calendars WHERE name = ").bind(std::string(kName)));
        if (cached_ && version && *version == cached_version_) return;
        const auto stored = load(conn);
        cached_ = std::make_shared<const WorkingCalendar>(stored.definition);
        cached_version_ = stored.version;
    });
    checked_ = now;
    return cached_;
}

nlohmann::json CalendarStore::document() {
    const auto stored = db_.read([&](storage::Connection& conn) { return load(conn); });
    auto doc = stored.definition.to_json();
    doc["version"] = stored.version;
    doc["updated_at"] = stored.updated_at > 0 ? nlohmann::json(format_utc(jobs::from_millis(stored.updated_at))) : nullptr;
    doc["updated_by"] = stored.updated_by > 0 ? nlohmann::json(stored.updated_by) : nullptr;
    return doc;
}

CalendarDefinition CalendarStore::definition() {
    return db_.read([&](storage::Connection& conn) { return load(conn).definition; });
}

std::int64_t CalendarStore::save(storage::Transaction& tx, const CalendarDefinition& definition, std::int64_t user_id,
                                 TimePoint now) {
    auto version = tx.conn().query_int(SqlFragment("UPDATE working_calendars SET definition = ")
                                           .bind(definition.to_json().dump())
                                           .sql(", version = version + 1, updated_at = ")
                                           .bind(jobs::to_millis(now))
                                           .sql(", updated_by = ")
                                           .bind(user_id > 0 ? storage::SqlValue(user_id) : storage::SqlValue{})
                                           .sql(" WHERE name = ")
                                           .bind(std::string(kName))
                                           .sql(" RETURNING version"));
    if (!version) throw std::runtime_error("the working calendar is missing (was the database migrated?)");
    // This node answers with the new calendar as soon as the change commits.
    tx.after_commit([this] {
        std::lock_guard lock(mutex_);
        cached_.reset();
    });
    return *version;
}

}  // namespace orbita::kernel::calendar
