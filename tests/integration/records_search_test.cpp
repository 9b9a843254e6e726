// SPDX-License-Identifier: Apache-2.0
// Full-text search (?q=) over HTTP on every backend: Cyrillic in any case, ё = е,
// word prefixes, several words, phone numbers in any format, and an index that
// follows changes.
#include "support/records_helpers.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using orbita::test::create_record;
using orbita::test::field_set;
using orbita::test::list_page;
using orbita::test::Params;
using orbita::test::TestServer;
using Set = std::set<std::string>;

namespace {

void seed(orbita::test::HttpClient& http) {
    create_record(http, "ticket", {{"subject", "s1"}, {"client_name", "Фёдоров Пётр Семёнович"}, {"phone", "8 (916) 123-45-67"}});
    create_record(http, "ticket", {{"subject", "s2"}, {"client_name", "ФЕДОРОВА Алёна"}, {"phone", "+7 495 765-43-21"}});
    create_record(http, "ticket", {{"subject", "s3"}, {"client_name", "Иванов Иван"}, {"phone", "+1 650 253 0000"}});
    create_record(http, "ticket", {{"subject", "Нет связи с офисом"}, {"client_name", "ООО «Ромашка»"},
                                   {"email", "Support@Romashka.ru"}});
    create_record(http, "ticket", {{"subject", "Счёт не оплачен"}, {"client_name", "Petrov Consulting"}});
}

Set found(orbita::test::HttpClient& http, const std::string& q, Params extra = {}) {
    extra.emplace_back("q", q);
    return field_set(list_page(http, "ticket", extra)["items"], "subject");
}

struct Case {
    std::string q;
    Set expected;
};

void check_cases(orbita::test::HttpClient& http, const std::vector<Case>& cases) {
    for (const auto& c : cases) {
        INFO("q=" << c.q);
        CHECK(found(http, c.q) == c.expected);
    }
}

}  // namespace

TEST_CASE("search finds Cyrillic names regardless of case and of ё") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            seed(http);
            check_cases(http, {
                {"федоров", {"s1", "s2"}},
                {"ФЕДОРОВ", {"s1", "s2"}},
                {"Фёдоров", {"s1", "s2"}},
                {"фЁдоРова", {"s2"}},
                {"петр", {"s1"}},
                {"ПЁТР", {"s1"}},
                {"алена", {"s2"}},
                {"семенович", {"s1"}},
                {"иванов", {"s3"}},
                {"ИВАН", {"s3"}},
                {"ромашка", {"Нет связи с офисом"}},
                {"petrov", {"Счёт не оплачен"}},
                {"PETROV consult", {"Счёт не оплачен"}},
                {"сидоров", {}},
            });
        }
    }
}

TEST_CASE("search matches every word as a prefix, stop words included") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            seed(http);
            check_cases(http, {
                {"фед", {"s1", "s2"}},
                {"фед пет", {"s1"}},
                {"пётр фёдоров", {"s1"}},
                {"федоров алёна", {"s2"}},
                {"федоров иван", {}},
                {"нет", {"Нет связи с офисом"}},
                {"НЕ", {"Нет связи с офисом", "Счёт не оплачен"}},
                {"счет", {"Счёт не оплачен"}},
                {"счёт не", {"Счёт не оплачен"}},
                {"офис", {"Нет связи с офисом"}},
                {"вязи", {}},  // prefixes, not infixes
                {"T-000000003", {"s3"}},
                {"000000004", {"Нет связи с офисом"}},
            });
        }
    }
}

TEST_CASE("a phone number is found whatever format it is typed in") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            seed(http);
            check_cases(http, {
                {"8 (916) 123-45-67", {"s1"}},
                {"+7 916 123-45-67", {"s1"}},
                {"89161234567", {"s1"}},
                {"79161234567", {"s1"}},
                {"9161234567", {"s1"}},
                {"916-123-45-67", {"s1"}},
                {"+7(495)765-43-21", {"s2"}},
                {"8 495 7654321", {"s2"}},
                {"+1 (650) 253-0000", {"s3"}},
                {"916", {"s1"}},
                {"916123", {"s1"}},
                {"+7 916 000-00-00", {}},
            });
        }
    }
}

TEST_CASE("search combines with filters, archive state and pages") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            seed(http);
            auto s2 = list_page(http, "ticket", {{"filter[subject]", "s2"}})["items"][0];
            CHECK(found(http, "федоров", {{"filter[subject]", "s1"}}) == Set{"s1"});
            CHECK(found(http, "федоров", {{"sort", "client_name"}, {"limit", "1"}}).size() == 1);
            auto page = list_page(http, "ticket", {{"q", "федоров"}, {"count", "true"}, {"limit", "1"}});
            CHECK(page["total"] == 2);
            CHECK(orbita::test::list_all(http, "ticket", {{"q", "федоров"}, {"limit", "1"}}).size() == 2);

            REQUIRE(http.del("/api/v1/records/ticket/" + std::to_string(s2["id"].get<std::int64_t>())).status == 200);
            CHECK(found(http, "федоров") == Set{"s1"});
            CHECK(found(http, "федоров", {{"archived", "true"}}) == Set{"s2"});
            CHECK(found(http, "федоров", {{"archived", "all"}}) == Set{"s1", "s2"});
        }
    }
}

TEST_CASE("the search index follows changes to searchable fields") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            auto t = create_record(http, "ticket", {{"subject", "Старая тема"}, {"client_name", "Сидоров"}});
            const std::string url = "/api/v1/records/ticket/" + std::to_string(t["id"].get<std::int64_t>());
            CHECK(found(http, "старая") == Set{"Старая тема"});

            auto res = http.patch(url, {{"version", 1}, {"subject", "Новая тема"}, {"phone", "8 916 000 11 22"}});
            REQUIRE(res.status == 200);
            CHECK(found(http, "старая").empty());
            CHECK(found(http, "НОВАЯ") == Set{"Новая тема"});
            CHECK(found(http, "сидоров") == Set{"Новая тема"});
            CHECK(found(http, "+7 (916) 000-11-22") == Set{"Новая тема"});

            // A change to a field outside the search list leaves the document intact.
            res = http.patch(url, {{"version", 2}, {"status", "done"}});
            REQUIRE(res.status == 200);
            CHECK(found(http, "новая") == Set{"Новая тема"});

            res = http.patch(url, {{"version", 3}, {"client_name", nullptr}});
            REQUIRE(res.status == 200);
            CHECK(found(http, "сидоров").empty());
        }
    }
}

TEST_CASE("search works on built-in types and on e-mail addresses") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            seed(http);
            create_record(http, "user", {{"login", "ivanov"}, {"full_name", "Иванов Сергей"}, {"email", "S.Ivanov@example.com"}});
            create_record(http, "user", {{"login", "petrova"}, {"full_name", "Петрова Ольга"}});
            auto users = [&](const std::string& q) {
                return field_set(list_page(http, "user", {{"q", q}})["items"], "login");
            };
            CHECK(users("ИВАНОВ") == Set{"ivanov"});
            CHECK(users("ольга") == Set{"petrova"});
            CHECK(users("petr") == Set{"petrova"});
            CHECK(users("s.ivanov@example.com") == Set{"ivanov"});
            CHECK(found(http, "support@romashka.ru") == Set{"Нет связи с офисом"});
            CHECK(found(http, "romashka") == Set{"Нет связи с офисом"});
        }
    }
}
