// SPDX-License-Identifier: Apache-2.0
// The text layer of the import: encodings, base64, CSV rows and delimiters.
#include "import/base64.hpp"
#include "import/csv_reader.hpp"
#include "import/text_encoding.hpp"

#include <catch2/catch.hpp>

using namespace orbita::plugins::crm;

namespace {

// "Имя;Фамилия" in cp1251.
const std::string kCp1251Header = "\xC8\xEC\xFF;\xD4\xE0\xEC\xE8\xEB\xE8\xFF";

std::vector<std::vector<std::string>> rows_of(std::string_view text, char delimiter) {
    CsvReader reader(text, delimiter);
    std::vector<std::vector<std::string>> out;
    std::vector<std::string> cells;
    while (reader.next(cells)) out.push_back(cells);
    return out;
}

}  // namespace

TEST_CASE("UTF-8 with and without a byte order mark is read as it is, without the mark") {
    CHECK(text_as_utf8("Имя;Фамилия", std::nullopt).value() == "Имя;Фамилия");
    CHECK(text_as_utf8("\xEF\xBB\xBFИмя;Фамилия", std::nullopt).value() == "Имя;Фамилия");
    CHECK(text_as_utf8("\xEF\xBB\xBFИмя", std::string("utf-8")).value() == "Имя");
}

TEST_CASE("cp1251 Cyrillic text is detected and decoded; Ё, ё and № too") {
    CHECK(text_as_utf8(kCp1251Header, std::nullopt).value() == "Имя;Фамилия");
    CHECK(cp1251_to_utf8("\xA8\xB8\xB9") == "Ёё№");
    CHECK(text_as_utf8(kCp1251Header, std::string("cp1251")).value() == "Имя;Фамилия");
}

TEST_CASE("text that is neither asks for the encoding; binary is no text file") {
    auto unknown = text_as_utf8("caf\xE9 \x80\x81\x82\x83", std::nullopt);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == "unknown-encoding");
    CHECK(text_as_utf8(kCp1251Header, std::string("utf-8")).error().code == "invalid-encoding");
    CHECK(text_as_utf8("a", std::string("koi8-r")).error().code == "invalid-encoding");
    CHECK(text_as_utf8(std::string("a\0b", 3), std::nullopt).error().code == "unsupported-file-type");
}

TEST_CASE("UTF-8 validation refuses truncated, overlong and surrogate sequences") {
    CHECK(is_valid_utf8("Привет, мир €"));
    CHECK_FALSE(is_valid_utf8("\xD0"));          // cut off
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));      // overlong '/'
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));  // surrogate
}

TEST_CASE("base64 round-trips any bytes and refuses what is not base64") {
    for (std::string bytes : {std::string(), std::string("a"), std::string("ab"), std::string("abc"), std::string("\0\xFF\x10", 3)}) {
        CHECK(base64_decode(base64_encode(bytes)).value() == bytes);
    }
    CHECK(base64_encode("Имя") == "0JjQvNGP");
    CHECK(base64_decode("0JjQv\nNGP").value() == "Имя");
    CHECK_FALSE(base64_decode("abc$").has_value());
    CHECK_FALSE(base64_decode("QQ==QQ").has_value());
}

TEST_CASE("CSV rows: quotes, doubled quotes, delimiters and line breaks inside quotes, CRLF") {
    auto rows = rows_of("a;\"b;c\";\"say \"\"hi\"\"\"\r\n\"two\nlines\";;x\n", ';');
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == std::vector<std::string>{"a", "b;c", "say \"hi\""});
    CHECK(rows[1] == std::vector<std::string>{"two\nlines", "", "x"});
    CsvReader reader("h\n\"1\n2\"\nlast", ',');
    std::vector<std::string> cells;
    reader.next(cells);
    reader.next(cells);
    reader.next(cells);
    CHECK(reader.row_line() == 4);  // the quoted line break counts
    CHECK(cells == std::vector<std::string>{"last"});
}

TEST_CASE("the delimiter is the one the header row uses") {
    CHECK(CsvReader::detect_delimiter("Имя;Фамилия;Телефон\n1,2,3,4") == ';');
    CHECK(CsvReader::detect_delimiter("first name,last name\n") == ',');
    CHECK(CsvReader::detect_delimiter("\"a;b\",c\n") == ',');
    CHECK(CsvReader::detect_delimiter("Имя\n") == ';');
}
