// SPDX-License-Identifier: Apache-2.0
#include "calendar/calendar_api.hpp"

#include "acl/access_admin.hpp"
#include "audit/audit_log.hpp"
#include "calendar/calendar_store.hpp"
#include "http/router.hpp"

#include <charconv>
#include <functional>

namespace orbita::kernel::calendar {

using http::Request;
using http::Response;

namespace {

constexpr std::int64_t kMaxMinutes = 10LL * 365 * 24 * 60;

TimePoint time_param(const Request& r, const std::string& name) {
    const auto value = r.query_param(name);
    if (!value) throw Problem::bad_request(name + " is required", {{name, "required", "an ISO 8601 date-time with a zone"}});
    const auto t = parse_iso_datetime(*value);
    if (!t) throw Problem::bad_request(name + " is not a date-time", {{name, "invalid_value", "an ISO 8601 date-time with a zone"}});
    return *t;
}

std::int64_t count_param(const Request& r, const std::string& name, std::int64_t max) {
    const auto value = r.query_param(name).value_or("");
    std::int64_t n = -1;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (value.empty() || ec != std::errc() || ptr != value.data() + value.size() || n < 0 || n > max) {
        throw Problem::bad_request(name + " must be a whole number from 0 to " + std::to_string(max),
                                   {{name, "invalid_value", "a whole number from 0 to " + std::to_string(max)}});
    }
    return n;
}

}  // namespace

void register_calendar_api(http::Router& router, CalendarStore& store, storage::Database& db, acl::AccessAdmin& access,
                           audit::AuditLog& audit, const Clock& clock) {
    auto add = [&](const char* method, std::string pattern, http::Handler handler, const char* summary, const char* tag) {
        router.add({.method = method, .pattern = std::move(pattern), .handler = std::move(handler), .summary = summary, .tag = tag});
    };
    add("GET", "/api/v1/calendar", [&store](Request&) { return Response::json(store.document()); },
        "The working calendar: time zone, weekly hours, holidays and transferred days", "calendar");
    add("GET", "/api/v1/calendar/working", [&store](Request& r) {
            const auto at = time_param(r, "at");
            const auto cal = store.current();
            return Response::json({{"at", format_utc(at)}, {"working", cal->is_working(at)},
                                   {"working_day", cal->is_working_day(cal->local_day(at))}});
        }, "Is ?at= working time (and a working day)?", "calendar");
    add("GET", "/api/v1/calendar/add_working", [&store](Request& r) {
            const auto from = time_param(r, "from");
            const auto minutes = count_param(r, "minutes", kMaxMinutes);
            const auto result = store.current()->add_working(from, std::chrono::minutes(minutes));
            return Response::json({{"from", format_utc(from)}, {"minutes", minutes}, {"result", format_utc(result)}});
        }, "The moment ?minutes= of working time after ?from=", "calendar");
    add("GET", "/api/v1/calendar/working_days", [&store](Request& r) {
            const auto from = time_param(r, "from"), to = time_param(r, "to");
            return Response::json({{"from", format_utc(from)}, {"to", format_utc(to)},
                                   {"working_days", store.current()->working_days_between(from, to)}});
        }, "Working days after ?from='s date up to ?to='s", "calendar");

    // `make` runs inside the transaction, so two administrators editing different days
    // at once both keep their change (on PostgreSQL the second waits for the first).
    auto save = [&store, &db, &audit, &clock](const Request& r, const std::function<CalendarDefinition()>& make,
                                              nlohmann::json details) {
        db.write([&](storage::Transaction& tx) {
            tx.conn().exec(storage::SqlFragment("UPDATE working_calendars SET version = version WHERE name = 'default'"));
            details["version"] = store.save(tx, make(), r.actor().user_id, clock.now());
            audit.record(r.actor(), "calendar.updated", std::move(details));
        });
        return Response::json(store.document());
    };
    add("PUT", "/api/v1/admin/calendar", [&access, save](Request& r) {
            access.require_admin(r.actor(), "change the working calendar");
            const auto definition = CalendarDefinition::parse(r.json_body());
            return save(r, [&] { return definition; }, {{"change", "replaced"}});
        }, "Replace the working calendar (weekly hours, time zone, dated exceptions)", "admin");
    add("PUT", "/api/v1/admin/calendar/days/{date}", [&access, &store, save](Request& r) {
            access.require_admin(r.actor(), "change the working calendar");
            const auto& day = r.param("date");
            if (!is_valid_iso_date(day)) throw Problem::not_found("'" + day + "' is not a date YYYY-MM-DD");
            const auto body = r.json_body();
            const auto kind = body.is_object() ? body.value("kind", nlohmann::json()) : nlohmann::json();
            const auto k = kind.is_string() ? CalendarDefinition::parse_kind(kind.get<std::string>()) : std::nullopt;
            if (!k && kind != "default")
                throw Problem::validation({{"kind", "invalid_value", "must be holiday, working, short, working_short or default"}});
            auto make = [&] {
                auto definition = store.definition();
                if (k) {
                    definition.days[day] = *k;
                } else {
                    definition.days.erase(day);
                }
                return definition;
            };
            return save(r, make, {{"change", "day"}, {"date", day}, {"kind", kind}});
        }, "Set one date's kind (holiday, working, short, working_short) or back to its weekday (default)", "admin");
}

}  // namespace orbita::kernel::calendar
