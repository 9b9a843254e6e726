// SPDX-License-Identifier: Apache-2.0
#include "core/clock.hpp"

#include <date/date.h>

#include <cstdio>
#include <regex>

namespace orbita::kernel {

std::string format_utc(TimePoint t) {
    auto ms = std::chrono::time_point_cast<std::chrono::milliseconds>(t);
    return date::format("%FT%TZ", ms);
}

namespace {

int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

}  // namespace

std::optional<TimePoint> parse_iso_datetime(std::string_view text) {
    static const std::regex pattern(
        R"(^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$)");
    std::cmatch m;
    if (!std::regex_match(text.begin(), text.end(), m, pattern)) return std::nullopt;
    auto ymd = date::year(to_int(m.str(1))) / to_int(m.str(2)) / to_int(m.str(3));
    if (!ymd.ok()) return std::nullopt;
    int hh = to_int(m.str(4)), mm = to_int(m.str(5)), ss = m[6].matched ? to_int(m.str(6)) : 0;
    if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
    std::chrono::milliseconds frac{0};
    if (m[7].matched) {
        std::string digits = m.str(7).substr(0, 3);
        while (digits.size() < 3) digits += '0';
        frac = std::chrono::milliseconds(to_int(digits));
    }
    std::chrono::minutes offset{0};
    std::string zone = m.str(8);
    if (zone != "Z") {
        std::string digits;
        for (char c : zone.substr(1)) {
            if (c != ':') digits += c;
        }
        int oh = to_int(digits.substr(0, 2)), om = to_int(digits.substr(2, 2));
        if (oh > 23 || om > 59) return std::nullopt;
        offset = std::chrono::minutes(oh * 60 + om);
        if (zone[0] == '-') offset = -offset;
    }
    TimePoint t = date::sys_days(ymd) + std::chrono::hours(hh) + std::chrono::minutes(mm) + std::chrono::seconds(ss) +
                  frac;
    return t - offset;
}

bool is_valid_iso_date(std::string_view text) {
    static const std::regex pattern(R"(^(\d{4})-(\d{2})-(\d{2})$)");
    std::cmatch m;
    if (!std::regex_match(text.begin(), text.end(), m, pattern)) return false;
    return (date::year(to_int(m.str(1))) / to_int(m.str(2)) / to_int(m.str(3))).ok();
}

std::optional<std::string> normalize_time_of_day(std::string_view text) {
    static const std::regex pattern(R"(^(\d{2}):(\d{2})(?::(\d{2}))?$)");
    std::cmatch m;
    if (!std::regex_match(text.begin(), text.end(), m, pattern)) return std::nullopt;
    int hh = to_int(m.str(1)), mm = to_int(m.str(2)), ss = m[3].matched ? to_int(m.str(3)) : 0;
    if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", hh, mm, ss);
    return std::string(buf);
}

}  // namespace orbita::kernel
