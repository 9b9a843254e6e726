// SPDX-License-Identifier: Apache-2.0
#include "storage/sqlite_functions.hpp"

#include <Poco/UTF8String.h>
#include <date/date.h>
#include <date/tz.h>
#include <sqlite3.h>

#include <chrono>
#include <sstream>
#include <string>

namespace orbita::kernel::storage {

namespace {

void orbita_lower(sqlite3_context* ctx, int, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    std::string lowered = Poco::UTF8::toLower(std::string(text ? text : ""));
    sqlite3_result_text(ctx, lowered.data(), static_cast<int>(lowered.size()), SQLITE_TRANSIENT);
}

void orbita_local(sqlite3_context* ctx, int, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    const auto* ts = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    const auto* zone_name = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]));
    try {
        std::istringstream in(ts);
        date::sys_time<std::chrono::milliseconds> utc;
        in >> date::parse("%FT%T", utc);
        if (in.fail()) {
            sqlite3_result_null(ctx);
            return;
        }
        const date::time_zone* zone = date::locate_zone(zone_name ? zone_name : "UTC");
        auto local = date::make_zoned(zone, utc).get_local_time();
        std::string out = date::format("%F %T", date::floor<std::chrono::seconds>(local));
        sqlite3_result_text(ctx, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
    } catch (const std::exception& e) {
        sqlite3_result_error(ctx, e.what(), -1);
    }
}

}  // namespace

void register_sqlite_functions(sqlite3* db) {
    const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    sqlite3_create_function_v2(db, "orbita_lower", 1, flags, nullptr, orbita_lower, nullptr, nullptr, nullptr);
    sqlite3_create_function_v2(db, "orbita_local", 2, flags, nullptr, orbita_local, nullptr, nullptr, nullptr);
}

}  // namespace orbita::kernel::storage
