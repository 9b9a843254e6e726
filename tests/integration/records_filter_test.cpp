// SPDX-License-Identifier: Apache-2.0
// List filters over HTTP on every backend: each operator as a JSON tree and as URL
// shorthand, and/or/not trees, reference paths, and case-insensitive Cyrillic text.
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

/// Six tickets over two departments and two users, with enough variety (and empty
/// values) that every operator selects a different subset.
struct Dataset {
    std::int64_t ivan = 0, maria = 0, sales = 0, support = 0;

    explicit Dataset(orbita::test::HttpClient& http) {
        sales = create_record(http, "department", {{"name", "Отдел Продаж"}})["id"].get<std::int64_t>();
        support = create_record(http, "department", {{"name", "Поддержка"}})["id"].get<std::int64_t>();
        ivan = create_record(http, "user", {{"login", "ivanov"}, {"full_name", "Иванов Иван"}, {"department", sales}})["id"]
                   .get<std::int64_t>();
        maria = create_record(http, "user",
                              {{"login", "petrova"}, {"full_name", "Петрова Мария"}, {"department", support}})["id"]
                    .get<std::int64_t>();
        patch_head(http, sales, ivan);
        patch_head(http, support, maria);

        create_record(http, "ticket",
                      {{"subject", "t1"}, {"status", "new"}, {"priority", "low"}, {"rating", 1}, {"amount", 500},
                       {"due_date", "2024-03-01"}, {"client_name", "ООО Ромашка"}, {"phone", "8 916 123-45-67"},
                       {"email", "a@x.ru"}, {"assignee", ivan}, {"department", sales}, {"watchers", {maria}}});
        create_record(http, "ticket",
                      {{"subject", "t2"}, {"status", "new"}, {"priority", "high"}, {"rating", 3}, {"amount", 1500},
                       {"due_date", "2024-03-15"}, {"client_name", "ИП Васильков"}, {"phone", "+7 903 555-00-11"},
                       {"assignee", maria}, {"department", support}, {"watchers", {ivan, maria}}, {"paid", true},
                       {"resolved_at", "2024-03-16T10:00:00Z"}});
        create_record(http, "ticket",
                      {{"subject", "t3"}, {"status", "in_progress"}, {"priority", "normal"}, {"amount", "2500.50"},
                       {"due_date", "2024-04-01"}, {"client_name", "ромашка и партнёры"}, {"assignee", ivan},
                       {"department", support}});
        create_record(http, "ticket",
                      {{"subject", "t4"}, {"assignee", nullptr}, {"status", "done"}, {"priority", "urgent"}, {"rating", 5},
                       {"client_name", "АО Тюльпан"}, {"paid", true}, {"resolved_at", "2024-04-02T08:00:00Z"}});
        create_record(http, "ticket",
                      {{"subject", "t5"}, {"status", "rejected"}, {"priority", "normal"}, {"rating", 5},
                       {"amount", {{"amount", 100}, {"currency", "USD"}}}, {"due_date", "2024-02-20"},
                       {"assignee", maria}, {"department", sales}});
        create_record(http, "ticket",
                      {{"subject", "t6"}, {"status", "waiting"}, {"priority", "low"}, {"rating", 2}, {"amount", 0},
                       {"due_date", "2024-03-31"}, {"client_name", "РОМАШКА-Сервис"}, {"assignee", ivan},
                       {"department", sales}, {"watchers", {ivan}}});
    }

    static void patch_head(orbita::test::HttpClient& http, std::int64_t dept, std::int64_t head) {
        auto res = http.patch("/api/v1/records/department/" + std::to_string(dept), {{"version", 1}, {"head", head}});
        REQUIRE(res.status == 200);
    }
};

Set subjects(orbita::test::HttpClient& http, const Params& params) {
    return field_set(list_page(http, "ticket", params)["items"], "subject");
}

Params tree(const json& filter) { return {{"filter", filter.dump()}}; }

json cond(const std::string& field, const std::string& op, const json& value) {
    return {{"field", field}, {"op", op}, {"value", value}};
}

struct Case {
    Params params;
    Set expected;
};

void check_cases(orbita::test::HttpClient& http, const std::vector<Case>& cases) {
    for (const auto& c : cases) {
        std::string shown;
        for (const auto& [k, v] : c.params) shown += k + "=" + v + " ";
        INFO(shown);
        CHECK(subjects(http, c.params) == c.expected);
    }
}

}  // namespace

TEST_CASE("every filter operator works as a JSON tree and as URL shorthand") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            Dataset data(http);
            check_cases(http, {
                // eq / ne (ne includes empty values)
                {{{"filter[status]", "new"}}, {"t1", "t2"}},
                {{{"filter[status][eq]", "new"}}, {"t1", "t2"}},
                {tree(cond("status", "eq", "new")), {"t1", "t2"}},
                {{{"filter[status][ne]", "new"}}, {"t3", "t4", "t5", "t6"}},
                {{{"filter[rating][ne]", "5"}}, {"t1", "t2", "t3", "t6"}},
                {tree(cond("rating", "ne", 5)), {"t1", "t2", "t3", "t6"}},
                // comparisons
                {{{"filter[rating][lt]", "3"}}, {"t1", "t6"}},
                {tree(cond("rating", "lt", 3)), {"t1", "t6"}},
                {{{"filter[rating][le]", "3"}}, {"t1", "t2", "t6"}},
                {tree(cond("rating", "le", 3)), {"t1", "t2", "t6"}},
                {{{"filter[rating][gt]", "3"}}, {"t4", "t5"}},
                {tree(cond("rating", "gt", 3)), {"t4", "t5"}},
                {{{"filter[rating][ge]", "3"}}, {"t2", "t4", "t5"}},
                {tree(cond("rating", "ge", 3)), {"t2", "t4", "t5"}},
                {{{"filter[due_date][lt]", "2024-03-01"}}, {"t5"}},
                {tree(cond("due_date", "ge", "2024-03-31")), {"t3", "t6"}},
                {{{"filter[resolved_at][gt]", "2024-03-20"}}, {"t4"}},
                {tree(cond("resolved_at", "lt", "2024-03-17T00:00:00+03:00")), {"t2"}},
                {{{"filter[amount][gt]", "1000"}}, {"t2", "t3"}},
                {tree(cond("amount", "ge", 2500.5)), {"t3"}},
                // in / nin (nin includes empty values)
                {{{"filter[status][in]", "new,done"}}, {"t1", "t2", "t4"}},
                {tree(cond("status", "in", {"new", "done"})), {"t1", "t2", "t4"}},
                {{{"filter[status][nin]", "new,done"}}, {"t3", "t5", "t6"}},
                {tree(cond("rating", "nin", {5, 1})), {"t2", "t3", "t6"}},
                {{{"filter[rating][in]", "1,2"}}, {"t1", "t6"}},
                // between (inclusive)
                {{{"filter[due_date][between]", "2024-03-01,2024-03-31"}}, {"t1", "t2", "t6"}},
                {tree(cond("rating", "between", {2, 3})), {"t2", "t6"}},
                {tree(cond("resolved_at", "between", {"2024-03-16T10:00:00Z", "2024-04-02T08:00:00Z"})), {"t2", "t4"}},
                // is_null
                {{{"filter[rating][is_null]", "true"}}, {"t3"}},
                {tree(cond("rating", "is_null", false)), {"t1", "t2", "t4", "t5", "t6"}},
                {{{"filter[due_date][is_null]", "1"}}, {"t4"}},
                {tree(cond("assignee", "is_null", true)), {"t4"}},
                // bool, phone and e-mail values are normalised like writes
                {{{"filter[paid]", "true"}}, {"t2", "t4"}},
                {tree(cond("paid", "eq", false)), {"t1", "t3", "t5", "t6"}},
                {{{"filter[phone]", "8 (916) 123-45-67"}}, {"t1"}},
                {tree(cond("phone", "eq", "+79035550011")), {"t2"}},
                {{{"filter[phone][contains]", "555-00"}}, {"t2"}},
                {{{"filter[email]", "A@X.RU"}}, {"t1"}},
                // contains / starts
                {{{"filter[client_name][contains]", "Тюльп"}}, {"t4"}},
                {tree(cond("client_name", "starts", "ИП")), {"t2"}},
                {{{"filter[subject][starts]", "t"}}, {"t1", "t2", "t3", "t4", "t5", "t6"}},
                {{{"filter[status][contains]", "_"}}, {"t3"}},
            });
        }
    }
}

TEST_CASE("contains and starts ignore the case of Cyrillic text") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            Dataset data(http);
            check_cases(http, {
                {{{"filter[client_name][contains]", "ромаш"}}, {"t1", "t3", "t6"}},
                {{{"filter[client_name][contains]", "РОМАШ"}}, {"t1", "t3", "t6"}},
                {tree(cond("client_name", "contains", "РоМаШкА")), {"t1", "t3", "t6"}},
                {{{"filter[client_name][starts]", "ромашка"}}, {"t3", "t6"}},
                {tree(cond("client_name", "starts", "РОМ")), {"t3", "t6"}},
                {{{"filter[client_name][contains]", "ПАРТНЁРЫ"}}, {"t3"}},
                {{{"filter[client_name][contains]", "ооо"}}, {"t1"}},
                // LIKE wildcards in the needle are literal characters.
                {{{"filter[client_name][contains]", "%"}}, {}},
                {{{"filter[client_name][contains]", "_"}}, {}},
            });
        }
    }
}

TEST_CASE("and/or/not trees combine conditions, also with shorthand") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            Dataset data(http);
            const json status_new = cond("status", "eq", "new");
            check_cases(http, {
                {tree({{"or", {cond("status", "eq", "done"), cond("rating", "lt", 2)}}}), {"t1", "t4"}},
                {tree({{"and", {{{"or", {status_new, cond("status", "eq", "waiting")}}}, cond("priority", "eq", "low")}}}),
                 {"t1", "t6"}},
                {tree({{"not", cond("status", "in", {"new", "done"})}}), {"t3", "t5", "t6"}},
                {tree({{"not", {{"or", {status_new, cond("priority", "eq", "normal")}}}}}), {"t4", "t6"}},
                {tree({{"and", {cond("paid", "eq", true), {{"not", cond("status", "eq", "done")}}}}}), {"t2"}},
                {tree({{"or", {{{"and", {status_new, cond("paid", "eq", true)}}},
                               {{"and", {cond("status", "eq", "rejected"), cond("rating", "eq", 5)}}}}}}),
                 {"t2", "t5"}},
                // Several shorthand conditions, and shorthand together with a tree, are ANDed.
                {{{"filter[status][in]", "new,waiting"}, {"filter[priority]", "low"}}, {"t1", "t6"}},
                {{{"filter", json({{"or", {status_new, cond("status", "eq", "waiting")}}}).dump()},
                  {"filter[rating][ge]", "2"}},
                 {"t2", "t6"}},
                {tree(json::object()), {"t1", "t2", "t3", "t4", "t5", "t6"}},
            });
        }
    }
}

TEST_CASE("reference paths follow ref and user fields up to three hops") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            Dataset data(http);
            check_cases(http, {
                {{{"filter[assignee.login]", "ivanov"}}, {"t1", "t3", "t6"}},
                {tree(cond("assignee.full_name", "contains", "МАРИЯ")), {"t2", "t5"}},
                {{{"filter[department.name][contains]", "продаж"}}, {"t1", "t5", "t6"}},
                {{{"filter[department.head.login]", "petrova"}}, {"t2", "t3"}},
                {tree(cond("department.head.full_name", "starts", "иванов")), {"t1", "t5", "t6"}},
                {{{"filter[assignee.department.name]", "Поддержка"}}, {"t2", "t5"}},
                {{{"filter[department.head.department.name][starts]", "отдел"}}, {"t1", "t5", "t6"}},
                {tree(cond("assignee.login", "in", {"ivanov", "petrova"})), {"t1", "t2", "t3", "t5", "t6"}},
                {{{"filter[department.id]", std::to_string(data.support)}}, {"t2", "t3"}},
                {{{"filter[department]", std::to_string(data.sales)}}, {"t1", "t5", "t6"}},
                {tree({{"or", {cond("assignee.login", "eq", "petrova"), cond("department.name", "eq", "Поддержка")}}}),
                 {"t2", "t3", "t5"}},
            });
            // A fourth hop is refused rather than silently ignored.
            auto res = http.get(orbita::test::records_url(
                "ticket", {{"filter[department.head.department.head.login]", "ivanov"}}));
            CHECK(res.status == 400);
        }
    }
}

TEST_CASE("many-valued fields filter with contains, in, nin and is_null") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            Dataset data(http);
            const auto ivan = std::to_string(data.ivan), maria = std::to_string(data.maria);
            check_cases(http, {
                {{{"filter[watchers][contains]", maria}}, {"t1", "t2"}},
                {tree(cond("watchers", "contains", data.ivan)), {"t2", "t6"}},
                {{{"filter[watchers][in]", ivan + "," + maria}}, {"t1", "t2", "t6"}},
                {{{"filter[watchers][nin]", ivan}}, {"t1", "t3", "t4", "t5"}},
                {tree(cond("watchers", "is_null", true)), {"t3", "t4", "t5"}},
                {{{"filter[watchers][is_null]", "false"}}, {"t1", "t2", "t6"}},
            });
        }
    }
}

TEST_CASE("filters see archived records only when asked, and count what they select") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            Dataset data(http);
            auto t6 = list_page(http, "ticket", {{"filter[subject]", "t6"}})["items"][0];
            REQUIRE(http.del("/api/v1/records/ticket/" + std::to_string(t6["id"].get<std::int64_t>())).status == 200);
            check_cases(http, {
                {{{"filter[priority]", "low"}}, {"t1"}},
                {{{"filter[priority]", "low"}, {"archived", "all"}}, {"t1", "t6"}},
                {{{"filter[priority]", "low"}, {"archived", "true"}}, {"t6"}},
                {{{"filter[client_name][contains]", "ромаш"}}, {"t1", "t3"}},
            });
            auto page = list_page(http, "ticket", {{"filter[status][in]", "new,in_progress,waiting"}, {"count", "true"},
                                                   {"limit", "1"}});
            CHECK(page["items"].size() == 1);
            CHECK(page["total"] == 3);
            CHECK(!page["next_cursor"].is_null());
            CHECK(list_page(http, "ticket", {})["total"].is_null());
        }
    }
}
