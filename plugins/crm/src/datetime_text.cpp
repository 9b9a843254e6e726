// SPDX-License-Identifier: Apache-2.0
#include "datetime_text.hpp"

#include <cstdio>

namespace orbita::plugins::crm {

using namespace std::chrono;

std::optional<sys_days> parse_date(const std::string& text) {
    int y = 0;
    unsigned m = 0, d = 0;
    int used = 0;
    if (std::sscanf(text.c_str(), "%4d-%2u-%2u%n", &y, &m, &d, &used) != 3 || used != 10) return std::nullopt;
    const year_month_day day{year{y}, month{m}, std::chrono::day{d}};
    if (!day.ok()) return std::nullopt;
    return sys_days{day};
}

std::optional<sys_seconds> parse_datetime(const std::string& text) {
    if (text.size() < 20 || text[10] != 'T') return std::nullopt;
    auto day = parse_date(text.substr(0, 10));
    unsigned h = 0, mi = 0, s = 0;
    int used = 0;
    if (!day || std::sscanf(text.c_str() + 11, "%2u:%2u:%2u%n", &h, &mi, &s, &used) != 3 || used != 8) return std::nullopt;
    std::string rest = text.substr(19);
    if (!rest.empty() && rest[0] == '.') {
        auto end = rest.find_first_not_of("0123456789", 1);
        rest = end == std::string::npos ? "" : rest.substr(end);
    }
    if (rest != "Z" && rest != "+00:00") return std::nullopt;
    if (h > 23 || mi > 59 || s > 60) return std::nullopt;
    return sys_seconds{*day} + hours{h} + minutes{mi} + seconds{s};
}

std::string format_datetime(sys_seconds t) {
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss<seconds> time{t - day};
    char out[32];
    std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), static_cast<int>(time.hours().count()),
                  static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
    return out;
}

}  // namespace orbita::plugins::crm
