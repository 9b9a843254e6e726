// SPDX-License-Identifier: Apache-2.0
#include "import/column_mapping.hpp"

#include <catch2/catch.hpp>

using namespace orbita::plugins::crm;
using nlohmann::json;

TEST_CASE("the mapping is suggested from Russian and English header names") {
    auto suggested = ColumnMapping::suggest({"Фамилия", "Имя", "Отчество", "Телефон", "E-mail", "Дата рождения", "Комментарий"});
    CHECK(suggested == json{{"Фамилия", "last_name"}, {"Имя", "first_name"}, {"Отчество", "middle_name"}, {"Телефон", "phones"},
                            {"E-mail", "emails"}, {"Дата рождения", "birth_date"}, {"Комментарий", nullptr}});
    CHECK(ColumnMapping::suggest({"First Name", " SURNAME ", "Phone", "Mobile"}) ==
          json{{"First Name", "first_name"}, {" SURNAME ", "last_name"}, {"Phone", "phones"}, {"Mobile", nullptr}});
}

TEST_CASE("a mapping needs a column for the first name, known headers and known fields") {
    const std::vector<std::string> headers = {"Имя", "Фамилия"};
    CHECK(ColumnMapping::make(headers, {{"Фамилия", "last_name"}}).error().code == "invalid-mapping");
    CHECK(ColumnMapping::make(headers, {{"Имя", "first_name"}, {"Город", "address"}}).error().code == "invalid-mapping");
    CHECK(ColumnMapping::make(headers, {{"Имя", "salary"}}).error().code == "invalid-mapping");
    CHECK(ColumnMapping::make(headers, json::array()).error().code == "invalid-mapping");
    CHECK(ColumnMapping::make(headers, {{"Имя", "first_name"}, {"Фамилия", nullptr}}).ok());
}

TEST_CASE("the header row must name contiguous columns") {
    CHECK(ColumnMapping::make({"Имя", "", "Телефон"}, {{"Имя", "first_name"}}).error().code == "missing-header");
    CHECK(ColumnMapping::make({"", ""}, json::object()).error().code == "missing-header");
    CHECK(ColumnMapping::make({"Имя", "Телефон", "", ""}, {{"Имя", "first_name"}}).ok());  // trailing empties are fine
}

TEST_CASE("a row becomes a client: joined names, several phones and e-mails, dates") {
    auto mapping = ColumnMapping::make({"Имя", "Отчество", "Телефон", "Телефон 2", "Почта", "ДР"},
                                       {{"Имя", "first_name"}, {"Отчество", "first_name"}, {"Телефон", "phones"},
                                        {"Телефон 2", "phones"}, {"Почта", "emails"}, {"ДР", "birth_date"}})
                       .value();
    auto row = mapping.read({" Анна ", "Сергеевна", "8 903 111-22-33, +7 916 000 11 22", "", "A@B.RU", "23.11.1980"}, 2);
    CHECK(row.problems.empty());
    CHECK(row.draft.fields == json{{"first_name", "Анна Сергеевна"}, {"birth_date", "1980-11-23"}});
    CHECK(row.draft.phones == std::vector<std::string>{"8 903 111-22-33", "+7 916 000 11 22"});
    CHECK(row.draft.emails == std::vector<std::string>{"a@b.ru"});
}

TEST_CASE("row problems name the row, the column and what is wrong") {
    auto mapping = ColumnMapping::make({"Имя", "ДР"}, {{"Имя", "first_name"}, {"ДР", "birth_date"}}).value();
    auto row = mapping.read({"", "31.02.1980"}, 7);
    REQUIRE(row.problems.size() == 2);
    CHECK(row.problems[0].row == 7);
    CHECK(row.problems[0].column == "ДР");
    CHECK(row.problems[1].column == "Имя");
    CHECK(row.problems[1].message == "the first name (Имя) is empty");
    CHECK(mapping.read({"Иван"}, 3).problems.empty());  // a short row: the missing cells are empty
}

TEST_CASE("the export's guard against formulas is removed on import") {
    auto mapping = ColumnMapping::make({"Имя", "Телефон"}, {{"Имя", "first_name"}, {"Телефон", "phones"}}).value();
    auto row = mapping.read({"'=cmd|' /C calc'!A0", "'+79031234567"}, 2);
    CHECK(row.draft.fields["first_name"] == "=cmd|' /C calc'!A0");
    CHECK(row.draft.phones == std::vector<std::string>{"+79031234567"});
    CHECK(mapping.read({"'Ann"}, 3).draft.fields["first_name"] == "'Ann");
}
