// SPDX-License-Identifier: Apache-2.0
// The crm client import over HTTP on both backends: preview, run, duplicates, lists,
// undo, and the bad files of issue 7 (cp1251, no header, too many rows, workbooks,
// garbage phones: clear errors, nothing half-imported).
#include "support/crm_server.hpp"
#include "support/problem_assertions.hpp"

#include <catch2/catch.hpp>


using nlohmann::json;
using namespace orbita::test;

namespace {

json upload(const std::string& file, json extra = json::object()) {
    extra["file_name"] = "clients.csv";
    extra["content_base64"] = base64(file);
    return extra;
}

std::size_t count_clients(HttpClient& api, const std::string& query = "") {
    auto r = api.get("/api/v1/records/client?limit=500" + query);
    REQUIRE(r.status == 200);
    return r.json()["items"].size();
}

// The ids an import created: its created_ids hold ranges [[first, last], ...].
std::vector<std::int64_t> created(const json& import) {
    std::vector<std::int64_t> ids;
    for (const auto& range : import["created_ids"]) {
        for (auto id = range[0].get<std::int64_t>(); id <= range[1].get<std::int64_t>(); ++id) ids.push_back(id);
    }
    return ids;
}

const std::string kUtf8File =
    "\xEF\xBB\xBF"
    "Фамилия;Имя;Отчество;Телефон;E-mail;Дата рождения\r\n"
    "Иванов;Иван;Иванович;8 (903) 123-45-67;Ivanov@Example.ru;23.11.1980\r\n"
    "Петрова;Анна;;+7 916 000-11-22, 89031112233;;\r\n"
    "\r\n"
    "Сидоров;Пётр;;;sidorov@example.ru;1975-01-02\r\n";

}  // namespace

TEST_CASE("crm import: preview, run into a list, duplicates skipped on the second run") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            CrmServer crm(backend, CRM_PLUGIN_DIR);
            auto& api = crm.api();
            auto preview = api.post("/api/v1/crm/imports/preview", upload(kUtf8File));
            INFO(preview.body);
            REQUIRE(preview.status == 200);
            auto p = preview.json();
            CHECK(p["encoding"] == "utf-8");
            CHECK(p["delimiter"] == ";");
            CHECK(p["rows_total"] == 3);
            CHECK(p["suggested_mapping"]["Имя"] == "first_name");
            CHECK(p["suggested_mapping"]["Дата рождения"] == "birth_date");
            REQUIRE(p["rows"].size() == 3);
            CHECK(p["rows"][0]["row"] == 2);
            CHECK(p["rows"][0]["client"]["emails"] == json{"ivanov@example.ru"});
            CHECK(p["rows"][2]["row"] == 5);  // the blank line is skipped, numbering follows the file
            CHECK(count_clients(api) == 0);   // a preview writes nothing

            auto run = api.post("/api/v1/crm/imports", upload(kUtf8File, {{"list_name", "Весна 2026"}}));
            INFO(run.body);
            REQUIRE(run.status == 201);
            auto import = run.json();
            CHECK(import["status"] == "done");
            CHECK(import["created_count"] == 3);
            CHECK(import["error_count"] == 0);
            auto ivanov = api.get("/api/v1/crm/clients/" + std::to_string(created(import)[0])).json();
            CHECK(ivanov["last_name"] == "Иванов");
            CHECK(ivanov["birth_date"] == "1980-11-23");
            CHECK(ivanov["phones"][0]["e164"] == "+79031234567");
            CHECK(ivanov["lists"] == json{import["list"]});
            auto petrova = api.get("/api/v1/crm/clients/" + std::to_string(created(import)[1])).json();
            CHECK(petrova["phones"].size() == 2);
            CHECK(api.get("/api/v1/crm/imports/" + std::to_string(import["id"].get<std::int64_t>())).json()["created_count"] == 3);

            // The same file again: every row has a stored client's phone or e-mail.
            auto again = api.post("/api/v1/crm/imports", upload(kUtf8File));
            INFO(again.body);
            REQUIRE(again.status == 201);
            CHECK(again.json()["created_count"] == 0);
            CHECK(again.json()["skipped_count"] == 3);
            CHECK(again.json()["skipped"][0] == json{{"row", 2}, {"clients", {created(import)[0]}}});
            CHECK(count_clients(api) == 3);
        }
    }
}

TEST_CASE("crm import: a cp1251 file is detected, or read as the encoding given") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            CrmServer crm(backend, CRM_PLUGIN_DIR);
            auto& api = crm.api();
            // "Имя;Фамилия\nАнна;Ёлкина\n" in cp1251, comma-free, as Excel saves it.
            const std::string cp1251 = "\xC8\xEC\xFF;\xD4\xE0\xEC\xE8\xEB\xE8\xFF\r\n\xC0\xED\xED\xE0;\xA8\xEB\xEA\xE8\xED\xE0\r\n";
            auto run = api.post("/api/v1/crm/imports", upload(cp1251));
            INFO(run.body);
            REQUIRE(run.status == 201);
            auto client = api.get("/api/v1/crm/clients/" + std::to_string(created(run.json())[0])).json();
            CHECK(client["first_name"] == "Анна");
            CHECK(client["last_name"] == "Ёлкина");
            auto forced = api.post("/api/v1/crm/imports/preview", upload(cp1251, {{"encoding", "utf-8"}}));
            require_problem(forced, 422, "invalid-encoding");
            auto unknown = api.post("/api/v1/crm/imports/preview", upload("Name;Phone\ncaf\xE9\x80\x81\x82;1\n"));
            require_problem(unknown, 422, "unknown-encoding");
        }
    }
}

TEST_CASE("crm import: bad files answer precise problems and write nothing") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            CrmServer crm(backend, CRM_PLUGIN_DIR);
            auto& api = crm.api();
            require_problem(api.post("/api/v1/crm/imports", upload("")), 422, "missing-header");
            require_problem(api.post("/api/v1/crm/imports", upload("Иван;+7 903 123-45-67\nПётр;+7 903 765-43-21\n")), 422,
                           "missing-header");
            require_problem(api.post("/api/v1/crm/imports", upload("Имя;;Телефон\nИван;;1\n")), 422, "missing-header");
            require_problem(api.post("/api/v1/crm/imports", upload("Имя;Телефон\n")), 422, "no-rows");
            require_problem(api.post("/api/v1/crm/imports", upload("Фамилия;Телефон\nИванов;89031234567\n")), 422, "invalid-mapping");
            require_problem(api.post("/api/v1/crm/imports", upload(std::string("PK\x03\x04\x14\0\0\0broken zip", 18))), 422,
                            "invalid-workbook");
            require_problem(api.post("/api/v1/crm/imports", upload(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10))),
                            422, "unsupported-file-type");
            require_problem(api.post("/api/v1/crm/imports", upload(std::string("Имя\0\1\2", 9))), 422, "unsupported-file-type");
            require_problem(api.post("/api/v1/crm/imports", json{{"content_base64", "not base64!"}}), 422, "invalid-input");
            require_problem(api.post("/api/v1/crm/imports", json::array()), 422, "invalid-input");

            std::string big = "Имя;Телефон\n";
            for (int i = 0; i < 5001; ++i) big += "Клиент" + std::to_string(i) + ";\n";
            auto too_many = api.post("/api/v1/crm/imports", upload(big));
            require_problem(too_many, 422, "too-many-rows");
            CHECK(too_many.json()["detail"].get<std::string>().find("5000") != std::string::npos);

            // Garbage phones and a row without a name: every problem by row and column, nothing stored.
            const std::string garbage = "Имя;Телефон\nИван;8 903 123-45-67\nПётр;позвонить вечером\n;89161112233\nОля;12\n";
            auto failed = api.post("/api/v1/crm/imports", upload(garbage));
            INFO(failed.body);
            require_problem(failed, 422, "import-failed");
            auto errors = failed.json()["row_errors"];
            REQUIRE(errors.size() == 3);
            CHECK(errors[0] == json{{"row", 3}, {"column", "Телефон"}, {"message", "'позвонить вечером' is not a phone number"}});
            CHECK(errors[1]["row"] == 4);
            CHECK(errors[1]["column"] == "Имя");
            CHECK(errors[2]["row"] == 5);
            CHECK(count_clients(api) == 0);
            CHECK(count_clients(api, "&archived=all") == 0);
            auto report = api.get("/api/v1/crm/imports/" + std::to_string(failed.json()["import_id"].get<std::int64_t>()));
            CHECK(report.json()["status"] == "failed");
            CHECK(report.json()["error_count"] == 3);
        }
    }
}

TEST_CASE("crm import: the row limit is configurable") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            CrmServer crm(backend, CRM_PLUGIN_DIR, {{"import", {{"max_rows", 2}}}});
            require_problem(crm.api().post("/api/v1/crm/imports", upload("Имя\nА\nБ\nВ\n")), 422, "too-many-rows");
            CHECK(crm.api().post("/api/v1/crm/imports", upload("Имя\nА\nБ\n")).status == 201);
        }
    }
}

TEST_CASE("crm import: undo archives exactly what the import created, once, and not after an edit") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            CrmServer crm(backend, CRM_PLUGIN_DIR);
            auto& api = crm.api();
            auto before = crm.client({{"first_name", "Старый"}, {"phones", {"+7 903 000-00-01"}}});
            auto run = api.post("/api/v1/crm/imports", upload("Имя;Телефон\nНовый;+7 903 000-00-02\nСтарый;+7 903 000-00-01\n"));
            REQUIRE(run.status == 201);
            const auto import_path = "/api/v1/crm/imports/" + std::to_string(run.json()["id"].get<std::int64_t>());
            CHECK(run.json()["created_count"] == 1);
            auto undone = api.post(import_path + "/undo", json::object());
            INFO(undone.body);
            REQUIRE(undone.status == 200);
            CHECK(undone.json()["status"] == "undone");
            CHECK(count_clients(api) == 1);  // the client stored before the import stays
            CHECK(api.get("/api/v1/crm/clients/" + std::to_string(before["id"].get<std::int64_t>())).status == 200);
            CHECK(crm.search("+79030000002")["clients"].empty());
            require_problem(api.post(import_path + "/undo", json::object()), 409, "not-undoable");

            auto second = api.post("/api/v1/crm/imports", upload("Имя\nПервый\nВторой\n"));
            REQUIRE(second.status == 201);
            const auto edited = created(second.json())[1];
            auto changed = api.patch("/api/v1/records/client/" + std::to_string(edited), {{"last_name", "Правленый"}, {"version", 1}});
            INFO(changed.body);
            REQUIRE(changed.status == 200);
            auto refused = api.post("/api/v1/crm/imports/" + std::to_string(second.json()["id"].get<std::int64_t>()) + "/undo",
                                    json::object());
            require_problem(refused, 409, "import-changed");
            CHECK(count_clients(api) == 3);  // nothing archived: all or nothing
        }
    }
}
