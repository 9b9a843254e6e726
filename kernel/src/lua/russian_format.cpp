// SPDX-License-Identifier: Apache-2.0
#include "lua/russian_format.hpp"

#include "core/clock.hpp"

#include <date/tz.h>

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace orbita::kernel::lua {

namespace {

constexpr const char* kNbsp = "\u00A0";

const char* const kMonthsGenitive[] = {"января", "февраля", "марта",    "апреля",  "мая",    "июня",
                                       "июля",   "августа", "сентября", "октября", "ноября", "декабря"};

// "1234567" -> "1 234 567"
std::string group_thousands(const std::string& digits) {
    std::string out;
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) out += kNbsp;
        out += digits[i];
    }
    return out;
}

std::string two(unsigned v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02u", v);
    return buf;
}

std::string format_day(const date::year_month_day& ymd, bool long_style) {
    const unsigned d = static_cast<unsigned>(ymd.day());
    const unsigned m = static_cast<unsigned>(ymd.month());
    const int y = static_cast<int>(ymd.year());
    if (long_style) return std::to_string(d) + " " + kMonthsGenitive[m - 1] + " " + std::to_string(y);
    return two(d) + "." + two(m) + "." + std::to_string(y);
}

}  // namespace

std::string RussianFormat::number(double value, int decimals) {
    if (!std::isfinite(value)) throw std::invalid_argument("cannot format NaN or infinity");
    if (decimals < 0 || decimals > 6) throw std::invalid_argument("decimals must be between 0 and 6");
    const double scale = std::pow(10.0, decimals);
    // Half away from zero, as accountants round.
    const double scaled = std::round(std::fabs(value) * scale);
    if (scaled > 9e15) throw std::invalid_argument("number too large to format");
    const auto whole_units = static_cast<std::int64_t>(scaled);
    const auto factor = static_cast<std::int64_t>(scale);
    std::string out = (value < 0 && whole_units != 0) ? "-" : "";
    out += group_thousands(std::to_string(whole_units / factor));
    if (decimals > 0) {
        std::string frac = std::to_string(whole_units % factor);
        out += "," + std::string(static_cast<std::size_t>(decimals) - frac.size(), '0') + frac;
    }
    return out;
}

std::string RussianFormat::money(double amount, std::string_view currency) {
    std::string sign;
    if (currency == "RUB") {
        sign = "₽";
    } else if (currency == "USD") {
        sign = "$";
    } else if (currency == "EUR") {
        sign = "€";
    } else {
        sign = std::string(currency);
    }
    return number(amount, 2) + kNbsp + sign;
}

std::string RussianFormat::plural(double n, std::string_view one, std::string_view few, std::string_view many) {
    if (!std::isfinite(n)) throw std::invalid_argument("cannot choose a plural form for NaN or infinity");
    if (std::floor(n) != n) return std::string(few);  // "1,5 дня"
    const auto abs = static_cast<std::int64_t>(std::fabs(n));
    const auto mod10 = abs % 10, mod100 = abs % 100;
    if (mod10 == 1 && mod100 != 11) return std::string(one);
    if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return std::string(few);
    return std::string(many);
}

std::string RussianFormat::date(std::string_view value, std::string_view style, const std::string& time_zone) {
    if (style != "short" && style != "long") throw std::invalid_argument("date style must be \"short\" or \"long\"");
    const bool long_style = style == "long";
    if (is_valid_iso_date(value)) {
        const int y = std::stoi(std::string(value.substr(0, 4)));
        const unsigned m = static_cast<unsigned>(std::stoi(std::string(value.substr(5, 2))));
        const unsigned d = static_cast<unsigned>(std::stoi(std::string(value.substr(8, 2))));
        return format_day(date::year{y} / date::month{m} / date::day{d}, long_style);
    }
    auto t = parse_iso_datetime(value);
    if (!t) throw std::invalid_argument("expected a date YYYY-MM-DD or an ISO 8601 datetime with a zone");
    const auto local = date::make_zoned(date::locate_zone(time_zone), date::floor<std::chrono::minutes>(*t)).get_local_time();
    const auto day = date::floor<date::days>(local);
    const date::hh_mm_ss<std::chrono::seconds> hm(std::chrono::duration_cast<std::chrono::seconds>(local - day));
    const std::string time = two(static_cast<unsigned>(hm.hours().count())) + ":" + two(static_cast<unsigned>(hm.minutes().count()));
    return format_day(date::year_month_day(day), long_style) + (long_style ? ", " : " ") + time;
}

}  // namespace orbita::kernel::lua
