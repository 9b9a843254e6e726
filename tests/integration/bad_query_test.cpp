// SPDX-License-Identifier: Apache-2.0
// Bad list, filter, sort, search and aggregate requests on every backend: precise 400s
// (404s for unknown paths), SQL-looking text treated as data, the server unharmed.
#include "support/problem_assertions.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using orbita::test::HttpClient;
using orbita::test::require_field_error;
using orbita::test::require_problem;
using orbita::test::TestServer;

namespace {

std::string list_url(const std::vector<std::pair<std::string, std::string>>& params) {
    std::string url = "/api/v1/records/ticket";
    char sep = '?';
    for (const auto& [k, v] : params) {
        url += sep + HttpClient::encode(k) + "=" + HttpClient::encode(v);
        sep = '&';
    }
    return url;
}

// GET of a list URL that must succeed; answers the items.
json items(HttpClient& http, const std::vector<std::pair<std::string, std::string>>& params) {
    auto r = http.get(list_url(params));
    INFO(r.status << " " << r.body);
    REQUIRE(r.status == 200);
    return r.json()["items"];
}

struct Fixture {
    explicit Fixture(const std::string& backend) : server(backend), http(server.client()) {
        server.add_ticket_type();
        for (const char* subject : {"Скидка 50% на всё", "Robert'); DROP TABLE ticket;--", "Обычное обращение"}) {
            REQUIRE(http.post("/api/v1/records/ticket", {{"subject", subject}, {"rating", 3}}).status == 201);
        }
    }
    // All three tickets are still there and the server answers.
    void intact() {
        CHECK(items(http, {{"sort", "id"}}).size() == 3);
        CHECK(http.get("/health").status == 200);
    }
    TestServer server;
    HttpClient http;
};

}  // namespace

TEST_CASE("invalid filter trees are 400 with the path of each problem") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            Fixture f(backend);
            auto& http = f.http;
            auto get = [&](const std::string& key, const std::string& value) { return http.get(list_url({{key, value}})); };

            require_field_error(require_problem(get("filter", "{not json"), 400, "bad-request"), "filter", "invalid_json");
            require_field_error(require_problem(get("filter", "[1,2]"), 400), "filter", "invalid_json");
            require_field_error(require_problem(get("filter", R"({"and": 5})"), 400, "invalid-filter"), "filter.and",
                                "wrong_type");
            require_field_error(require_problem(get("filter", R"({"or": []})"), 400, "invalid-filter"), "filter.or",
                                "wrong_type");
            require_field_error(require_problem(get("filter", R"({"field": "status", "op": "eqq", "value": "new"})"),
                                                400, "invalid-filter"),
                                "filter.op", "unknown_operator", "did you mean 'eq'?");
            require_field_error(require_problem(get("filter", R"({"field": "stauts", "op": "eq", "value": "new"})"),
                                                400),
                                "filter.field", "unknown_field", "did you mean 'status'?");
            require_field_error(require_problem(get("filter", R"({"feild": "status", "op": "eq"})"), 400),
                                "filter.feild", "unknown_key", "did you mean 'field'?");
            auto several = require_problem(
                get("filter", R"({"and": [{"field": "rating", "op": "gt", "value": "high"},
                                          {"field": "due_date", "op": "between", "value": ["2024-01-01"]},
                                          {"field": "watchers", "op": "eq", "value": 1}]})"),
                400, "invalid-filter");
            CHECK(several["errors"].size() == 3);
            require_field_error(several, "filter.and[0].value", "wrong_type");
            require_field_error(several, "filter.and[1].value", "wrong_type");
            require_field_error(several, "filter.and[2].op", "unsupported_operator");
            // URL shorthand: bad keys, values and operators.
            require_field_error(require_problem(get("filter[rating]", "abc"), 400, "invalid-filter"), "filter.value",
                                "wrong_type");
            require_field_error(require_problem(get("filter[due_date][gt]", "yesterday"), 400), "filter.value",
                                "invalid_date");
            require_field_error(require_problem(get("filter[status]", "nwe"), 400), "filter.value", "invalid_choice",
                                "did you mean 'new'?");
            require_field_error(require_problem(get("filter[status][like]", "new"), 400), "filter.op",
                                "unknown_operator");
            require_field_error(require_problem(get("filter[status][in][x]", "new"), 400), "filter[status][in][x]",
                                "invalid_filter");
            require_field_error(require_problem(get("filter[department.nmae]", "x"), 400), "filter.field",
                                "unknown_field", "did you mean 'name'?");
            require_field_error(require_problem(get("filter[subject.x]", "x"), 400), "filter.field", "not_a_reference");
            std::string deep = R"({"field": "status", "op": "eq", "value": "new"})";
            for (int i = 0; i < 12; ++i) deep = R"({"not": )" + deep + "}";
            require_problem(get("filter", deep), 400, "invalid-filter");
            f.intact();
        }
    }
}

TEST_CASE("SQL-looking text in filters, sort keys, field names and search is only data") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            Fixture f(backend);
            auto& http = f.http;
            // Values: compared literally, never interpreted.
            CHECK(items(http, {{"filter[subject]", "' OR '1'='1"}}).empty());
            CHECK(items(http, {{"filter[subject]", "x'; DROP TABLE ticket; --"}}).empty());
            CHECK(items(http, {{"filter[subject][contains]", "%' OR 1=1 --"}}).empty());
            CHECK(items(http, {{"filter[subject][contains]", "DROP TABLE"}}).size() == 1);
            CHECK(items(http, {{"filter[subject][contains]", "');"}}).size() == 1);
            // LIKE wildcards are literal characters.
            CHECK(items(http, {{"filter[subject][contains]", "50%"}}).size() == 1);
            CHECK(items(http, {{"filter[subject][contains]", "%"}}).size() == 1);
            CHECK(items(http, {{"filter[subject][contains]", "_"}}).empty());
            CHECK(items(http, {{"filter[subject][starts]", "%"}}).empty());
            CHECK(items(http, {{"filter", R"({"field": "subject", "op": "in", "value": ["') OR 1=1 --", "x"]})"}}).empty());
            // Field names and operators: unknown, never spliced into SQL.
            require_field_error(require_problem(http.get(list_url({{"filter[subject) OR (1=1]", "x"}})), 400),
                                "filter.field", "unknown_field");
            require_field_error(require_problem(http.get(list_url({{"filter", R"({"field": "id\" OR 1=1 --", "op": "eq", "value": 1})"}})), 400),
                                "filter.field", "unknown_field");
            require_field_error(require_problem(http.get(list_url({{"filter", R"({"field": "id", "op": "= 1 OR 1=1 --", "value": 1})"}})), 400),
                                "filter.op", "unknown_operator");
            // Sort keys.
            for (const char* sort : {"id;DROP TABLE ticket", "id DESC, (SELECT 1)", "\"id\"", "-id--", "1"}) {
                INFO(sort);
                require_field_error(require_problem(http.get(list_url({{"sort", sort}})), 400, "bad-request"), "sort",
                                    "unknown_field");
            }
            // Full-text search: SQL and FTS syntax alike are words.
            for (const char* q : {"' OR 1=1 --", "\" OR * NEAR(a b)", "subject:x AND -y", "*", "a & b | !c", "«Рога» — копыта",
                                  "):*", "\\"}) {
                INFO(q);
                CHECK(http.get(list_url({{"q", q}})).status == 200);
            }
            CHECK(items(http, {{"q", "DROP TABLE"}}).size() == 1);
            f.intact();
        }
    }
}

TEST_CASE("bad sort keys, cursors, limits and parameters are 400 with a hint") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            Fixture f(backend);
            auto& http = f.http;
            auto unknown_sort = require_problem(http.get(list_url({{"sort", "-subjct"}})), 400);
            require_field_error(unknown_sort, "sort", "unknown_field", "did you mean 'subject'?");
            CHECK(unknown_sort["detail"] == "cannot sort by unknown field 'subjct' (did you mean 'subject'?)");
            require_field_error(require_problem(http.get(list_url({{"sort", "description"}})), 400), "sort",
                                "not_sortable");
            require_field_error(require_problem(http.get(list_url({{"sort", "watchers"}})), 400), "sort", "not_sortable");
            require_field_error(require_problem(http.get(list_url({{"sort", "id,-id"}})), 400), "sort", "duplicate");
            require_field_error(require_problem(http.get(list_url({{"sort", "a,b,c,d,e"}})), 400), "sort", "too_many");

            for (const char* limit : {"0", "501", "-5", "ten", "1e3"}) {
                INFO(limit);
                require_field_error(require_problem(http.get(list_url({{"limit", limit}})), 400), "limit",
                                    "out_of_range");
            }
            require_field_error(require_problem(http.get(list_url({{"cursor", "garbage!!"}})), 400, "invalid-cursor"),
                                "cursor", "invalid_cursor");
            // A cursor is bound to its sort order.
            auto page = http.get(list_url({{"sort", "subject"}, {"limit", "1"}})).json();
            REQUIRE(page["next_cursor"].is_string());
            require_problem(http.get(list_url({{"sort", "-subject"}, {"cursor", page["next_cursor"]}})), 400,
                            "invalid-cursor");
            require_field_error(require_problem(http.get(list_url({{"archived", "maybe"}})), 400), "archived",
                                "invalid_value");

            auto unknown = require_problem(http.get(list_url({{"limt", "5"}})), 400, "bad-request");
            require_field_error(unknown, "limt", "unknown_parameter", "did you mean 'limit'?");
            require_field_error(require_problem(http.get(list_url({{"sotr", "id"}, {"qq", "x"}})), 400), "qq",
                                "unknown_parameter");
            require_field_error(require_problem(http.get("/api/v1/records/ticket/1/history?limt=5"), 400), "limt",
                                "unknown_parameter", "did you mean 'limit'?");
            require_problem(http.get("/api/v1/records/ticket/1/history?limit=0"), 400);
            f.intact();
        }
    }
}

TEST_CASE("bad aggregate requests and unknown paths") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            Fixture f(backend);
            auto& http = f.http;
            const std::string agg = "/api/v1/records/ticket/aggregate";
            CHECK(http.get(agg + "?metrics=count").status == 200);
            require_problem(http.get(agg + "?metrics=sum:subject"), 400);
            require_problem(http.get(agg + "?metrics=sum:nosuch"), 400);
            require_problem(http.get(agg + "?metrics=count;DROP%20TABLE%20ticket"), 400);
            require_problem(http.get(agg + "?metrics=count&group_by=nosuch"), 400);
            require_problem(http.get(agg + "?metrics=count&group_by=due_date:fortnight"), 400);
            auto hint = require_problem(http.get(agg + "?metric=count"), 400);
            CHECK(hint["detail"].get<std::string>().find("did you mean 'metrics'?") != std::string::npos);

            auto type = require_problem(http.get("/api/v1/records/tiket"), 404, "not-found");
            CHECK(type["detail"].get<std::string>().find("did you mean 'ticket'?") != std::string::npos);
            require_problem(http.get("/api/v1/records/ticket%3BDROP%20TABLE%20ticket"), 404);
            for (const char* id : {"abc", "0", "-1", "1%20OR%201=1", "99999999999999999999", "1.5"}) {
                INFO(id);
                require_problem(http.get(std::string("/api/v1/records/ticket/") + id), 404, "not-found");
            }
            require_problem(http.get("/api/v1/records/ticket/999"), 404, "not-found");
            f.intact();
        }
    }
}
