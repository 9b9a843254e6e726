// SPDX-License-Identifier: Apache-2.0
// The crm client export over HTTP on both backends: CSV for Excel and XLSX, all, a
// range or a list, formula injection defused and undone by a re-import.
#include "support/crm_server.hpp"
#include "support/problem_assertions.hpp"

#include <catch2/catch.hpp>


using nlohmann::json;
using namespace orbita::test;

namespace {

std::string exported(HttpClient& api, const json& body) {
    auto r = api.post("/api/v1/crm/exports/clients", body);
    INFO(r.body);
    REQUIRE(r.status == 200);
    return unbase64(r.json()["content_base64"].get<std::string>());
}

const std::string kFile =
    "Фамилия;Имя;Телефон\n"
    "Иванов;\"=cmd|' /C calc'!A0\";+7 903 123-45-67\n"
    "Петрова;Анна;8 916 000-11-22, 8 916 000-11-23\n"
    "Сидоров;@SUM(1);\n"
    "Орлова;Ольга;\n";

}  // namespace

TEST_CASE("crm export: CSV for Excel with formulas defused, and a re-import gives the values back") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            CrmServer crm(backend, CRM_PLUGIN_DIR);
            auto& api = crm.api();
            REQUIRE(api.post("/api/v1/crm/imports", {{"content_base64", base64(kFile)}}).status == 201);
            const auto csv = exported(api, {{"format", "csv"}, {"fields", {"last_name", "first_name", "phones"}}});
            CHECK(csv == "\xEF\xBB\xBF"
                         "last_name;first_name;phones\r\n"
                         "Иванов;'=cmd|' /C calc'!A0;'+79031234567\r\n"
                         "Петрова;Анна;'+79160001122, +79160001123\r\n"
                         "Сидоров;'@SUM(1);\r\n"
                         "Орлова;Ольга;\r\n");
            // The exported file, read back by the import: the guard is gone.
            const std::string header = "Фамилия;Имя;Телефон";
            auto preview = api.post("/api/v1/crm/imports/preview",
                                    {{"content_base64", base64(header + csv.substr(csv.find("\r\n")))}});
            INFO(preview.body);
            REQUIRE(preview.status == 200);
            CHECK(preview.json()["rows"][0]["client"]["first_name"] == "=cmd|' /C calc'!A0");
            CHECK(preview.json()["rows"][0]["duplicate_of"].size() == 1);
        }
    }
}

TEST_CASE("crm export: all fields, a range, a list, XLSX, and bad requests") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            CrmServer crm(backend, CRM_PLUGIN_DIR);
            auto& api = crm.api();
            REQUIRE(api.post("/api/v1/crm/imports", {{"content_base64", base64(kFile)}}).status == 201);
            REQUIRE(api.post("/api/v1/crm/imports", {{"content_base64", base64("Имя;E-mail\nЛидия;lida@example.ru\nМарк;\n")},
                                                     {"list_name", "Выставка"}})
                        .status == 201);
            auto all = exported(api, {{"format", "csv"}});
            CHECK(all.rfind("\xEF\xBB\xBFnumber;last_name;first_name;middle_name;birth_date;address;phones;emails\r\n", 0) == 0);
            CHECK(all.find("000000005;;Лидия;;;;;lida@example.ru\r\n") != std::string::npos);

            auto part = exported(api, {{"mode", "part"}, {"start", 2}, {"count", 2}, {"fields", {"first_name"}}});
            CHECK(part == "\xEF\xBB\xBF" "first_name\r\nАнна\r\n'@SUM(1)\r\n");
            auto beyond = exported(api, {{"mode", "part"}, {"start", 100}, {"count", 2}, {"fields", {"first_name"}}});
            CHECK(beyond == "\xEF\xBB\xBF" "first_name\r\n");

            auto list = api.get("/api/v1/records/client_list").json()["items"][0]["id"];
            auto listed = exported(api, {{"mode", "list"}, {"list", list}, {"fields", {"first_name", "emails"}}});
            CHECK(listed == "\xEF\xBB\xBF" "first_name;emails\r\nЛидия;lida@example.ru\r\nМарк;\r\n");

            auto xlsx = api.post("/api/v1/crm/exports/clients", {{"format", "xlsx"}});
            REQUIRE(xlsx.status == 200);
            CHECK(xlsx.json()["file_name"] == "clients.xlsx");
            CHECK(xlsx.json()["rows"] == 6);
            CHECK(unbase64(xlsx.json()["content_base64"].get<std::string>()).rfind("PK\x03\x04", 0) == 0);
            // The workbook imports again (first sheet, header row): every row is a stored client.
            auto back = api.post("/api/v1/crm/imports/preview",
                                 {{"content_base64", xlsx.json()["content_base64"]},
                                  {"mapping", {{"first_name", "first_name"}, {"last_name", "last_name"}, {"phones", "phones"}}}});
            INFO(back.body);
            REQUIRE(back.status == 200);
            CHECK(back.json()["encoding"] == "xlsx");
            CHECK(back.json()["rows_total"] == 6);
            CHECK(back.json()["rows"][0]["client"]["first_name"] == "=cmd|' /C calc'!A0");  // a string cell, no guard
            CHECK(back.json()["rows"][0]["client"]["phones"] == json{"+79031234567"});
            CHECK(back.json()["rows"][0]["duplicate_of"].size() == 1);

            require_problem(api.post("/api/v1/crm/exports/clients", {{"format", "pdf"}}), 422, "invalid-input");
            require_problem(api.post("/api/v1/crm/exports/clients", {{"mode", "part"}, {"start", 0}, {"count", 1}}), 422,
                            "invalid-input");
            require_problem(api.post("/api/v1/crm/exports/clients", {{"mode", "list"}}), 422, "invalid-input");
            require_problem(api.post("/api/v1/crm/exports/clients", {{"fields", {"salary"}}}), 422, "invalid-input");
        }
    }
}
