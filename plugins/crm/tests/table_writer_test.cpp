// SPDX-License-Identifier: Apache-2.0
#include "export/table_writer.hpp"

#include <catch2/catch.hpp>

using namespace orbita::plugins::crm;

TEST_CASE("CSV cells that a spreadsheet would run as a formula are defused") {
    CHECK(csv_cell("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0");
    for (const char* risky : {"+7 903", "-1", "@SUM(A1)", "\tx"}) CHECK(csv_cell(risky)[0] == '\'');
    CHECK(csv_cell("\rx") == "\"'\rx\"");
    CHECK(csv_cell("Иванов") == "Иванов");
    CHECK(csv_cell("") == "");
}

TEST_CASE("CSV cells with the delimiter, quotes or line breaks are quoted") {
    CHECK(csv_cell("a;b") == "\"a;b\"");
    CHECK(csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_cell("two\nlines") == "\"two\nlines\"");
    CHECK(csv_cell("=1;2") == "\"'=1;2\"");
}

TEST_CASE("the CSV file is UTF-8 with a byte order mark, ; and CRLF") {
    auto csv = make_table_writer("csv", "Clients");
    REQUIRE(csv);
    REQUIRE(csv->row({"Имя", "Телефон"}).ok());
    REQUIRE(csv->row({"Анна", "+79031234567"}).ok());
    CHECK(csv->finish().value() == "\xEF\xBB\xBFИмя;Телефон\r\nАнна;'+79031234567\r\n");
    CHECK(make_table_writer("ods", "Clients") == nullptr);
}

TEST_CASE("the XLSX file is a zip workbook") {
    auto xlsx = make_table_writer("xlsx", "Clients");
    REQUIRE(xlsx->row({"Имя", "Формула"}).ok());
    REQUIRE(xlsx->row({"Анна", "=cmd|' /C calc'!A0"}).ok());
    auto bytes = xlsx->finish();
    REQUIRE(bytes.ok());
    CHECK(bytes.value().rfind("PK\x03\x04", 0) == 0);
    CHECK(bytes.value().size() > 1000);
    CHECK(xlsx->extension() == "xlsx");
}
