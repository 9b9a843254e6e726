// SPDX-License-Identifier: Apache-2.0
#include "inn.hpp"

#include <array>
#include <cstddef>

namespace orbita::plugins::crm {

namespace {

// The check digit over the first weights.size() digits: weighted sum mod 11, then mod 10.
template <std::size_t N>
int check_digit(const std::string& digits, const std::array<int, N>& weights) {
    int sum = 0;
    for (std::size_t i = 0; i < N; ++i) sum += (digits[i] - '0') * weights[i];
    return sum % 11 % 10;
}

sdk::Error invalid(const std::string& why) { return sdk::fail("invalid-inn", why, 422); }

}  // namespace

sdk::Result<std::string> validate_inn(const std::string& text) {
    for (char c : text) {
        if (c < '0' || c > '9') return invalid("an INN has only digits, '" + text.substr(0, 20) + "' has others");
    }
    if (text.size() == 10) {
        if (check_digit(text, std::array{2, 4, 10, 3, 5, 9, 4, 6, 8}) != text[9] - '0')
            return invalid("the INN " + text + " has a wrong check digit");
        return text;
    }
    if (text.size() == 12) {
        const bool first = check_digit(text, std::array{7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) == text[10] - '0';
        const bool second = check_digit(text, std::array{3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) == text[11] - '0';
        if (!first || !second) return invalid("the INN " + text + " has a wrong check digit");
        return text;
    }
    return invalid("an INN has 10 digits (organisation) or 12 (individual), '" + text + "' has " +
                   std::to_string(text.size()));
}

}  // namespace orbita::plugins::crm
