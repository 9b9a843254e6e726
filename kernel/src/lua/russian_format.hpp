// SPDX-License-Identifier: Apache-2.0
// Russian number, money, date and plural formatting for scripts (orbita.fmt).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace orbita::kernel::lua {

/// Formats values the way Russian business letters write them. Groups of thousands
/// and the gap before the currency sign use a no-break space (U+00A0) so a sum never
/// wraps across lines in an e-mail; the decimal separator is a comma.
class RussianFormat {
public:
    /// "1 234,50 ₽" (RUB ₽, USD $, EUR €, other codes written out: "10,00 CNY").
    /// Rounded half away from zero to kopecks; negative sums start with '-'.
    static std::string money(double amount, std::string_view currency = "RUB");
    /// "1 234,5" with `decimals` digits after the comma (0-6).
    static std::string number(double value, int decimals);
    /// The word form for `n`: plural(21, "день", "дня", "дней") == "день",
    /// plural(3, ...) == "дня", plural(11, ...) == "дней"; fractions take `few`.
    static std::string plural(double n, std::string_view one, std::string_view few, std::string_view many);
    /// "15.03.2024" for a date "2024-03-15"; a datetime (ISO with zone) is shown in
    /// `time_zone` as "15.03.2024 12:30". `style` "long" gives "15 марта 2024" (and
    /// "15 марта 2024, 12:30"). Throws std::invalid_argument for other input.
    static std::string date(std::string_view value, std::string_view style, const std::string& time_zone);
};

}  // namespace orbita::kernel::lua
