// SPDX-License-Identifier: Apache-2.0
#include "export/table_writer.hpp"
#include "import/xlsx_sheet.hpp"

#include <catch2/catch.hpp>

using namespace orbita::plugins::crm;

TEST_CASE("the first sheet of a workbook becomes CSV: shared strings, quotes, empty cells") {
    auto writer = make_table_writer("xlsx", "Клиенты");
    REQUIRE(writer->row({"Имя", "Фамилия", "Телефон"}).ok());
    REQUIRE(writer->row({"Анна", "", "+7 903 123-45-67"}).ok());
    REQUIRE(writer->row({"say \"hi\"", "a;b", ""}).ok());
    auto bytes = writer->finish();
    REQUIRE(bytes.ok());
    REQUIRE(is_zip(bytes.value()));
    auto csv = first_sheet_as_csv(bytes.value(), 1 << 20);
    INFO((csv.ok() ? csv.value() : csv.error().message));
    REQUIRE(csv.ok());
    CHECK(csv.value() == "\"Имя\";\"Фамилия\";\"Телефон\"\n"
                         "\"Анна\";\"\";\"+7 903 123-45-67\"\n"
                         "\"say \"\"hi\"\"\";\"a;b\"\n");
}

TEST_CASE("a broken or foreign zip is no workbook; an entry larger than allowed is refused") {
    CHECK(first_sheet_as_csv(std::string("PK\x03\x04\x14\0\0\0broken zip", 18), 1 << 20).error().code == "invalid-workbook");
    auto writer = make_table_writer("xlsx", "Sheet");
    REQUIRE(writer->row({"Имя"}).ok());
    const auto bytes = writer->finish().value();
    CHECK(first_sheet_as_csv(bytes.substr(0, bytes.size() / 2), 1 << 20).error().code == "invalid-workbook");  // truncated
    CHECK(first_sheet_as_csv(bytes, 100).error().code == "file-too-large");
    CHECK_FALSE(is_zip("Имя;Телефон"));
}
