// SPDX-License-Identifier: Apache-2.0
#include "lua/russian_format.hpp"

#include <catch2/catch.hpp>

using orbita::kernel::lua::RussianFormat;

namespace {
const std::string nb = "\u00A0";  // no-break space
}

TEST_CASE("money groups thousands with no-break spaces and uses a decimal comma") {
    CHECK(RussianFormat::money(1234.5) == "1" + nb + "234,50" + nb + "₽");
    CHECK(RussianFormat::money(0) == "0,00" + nb + "₽");
    CHECK(RussianFormat::money(1234567.891, "USD") == "1" + nb + "234" + nb + "567,89" + nb + "$");
    CHECK(RussianFormat::money(-5.005, "EUR") == "-5,01" + nb + "€");
    CHECK(RussianFormat::money(10, "CNY") == "10,00" + nb + "CNY");
    CHECK(RussianFormat::money(-0.001) == "0,00" + nb + "₽");
    CHECK_THROWS(RussianFormat::money(1e300));
}

TEST_CASE("number rounds half away from zero") {
    CHECK(RussianFormat::number(2.5, 0) == "3");
    CHECK(RussianFormat::number(999999.5, 0) == "1" + nb + "000" + nb + "000");
    CHECK(RussianFormat::number(1.25, 1) == "1,3");
    CHECK_THROWS(RussianFormat::number(1, 7));
}

TEST_CASE("plural follows the Russian rules") {
    auto f = [](double n) { return RussianFormat::plural(n, "день", "дня", "дней"); };
    CHECK(f(1) == "день");
    CHECK(f(21) == "день");
    CHECK(f(101) == "день");
    CHECK(f(2) == "дня");
    CHECK(f(24) == "дня");
    CHECK(f(5) == "дней");
    CHECK(f(11) == "дней");
    CHECK(f(12) == "дней");
    CHECK(f(14) == "дней");
    CHECK(f(111) == "дней");
    CHECK(f(0) == "дней");
    CHECK(f(1.5) == "дня");
    CHECK(f(-3) == "дня");
}

TEST_CASE("date formats dates and datetimes in the configured zone") {
    CHECK(RussianFormat::date("2024-03-05", "short", "Europe/Moscow") == "05.03.2024");
    CHECK(RussianFormat::date("2024-03-05", "long", "Europe/Moscow") == "5 марта 2024");
    CHECK(RussianFormat::date("2024-12-31T21:30:00Z", "short", "Europe/Moscow") == "01.01.2025 00:30");
    CHECK(RussianFormat::date("2024-05-01T09:05:00Z", "long", "UTC") == "1 мая 2024, 09:05");
    CHECK_THROWS(RussianFormat::date("2024-02-30", "short", "UTC"));
    CHECK_THROWS(RussianFormat::date("2024-03-05", "medium", "UTC"));
}
