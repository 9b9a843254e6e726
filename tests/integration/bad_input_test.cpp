// SPDX-License-Identifier: Apache-2.0
// Bad request bodies on every backend: each is a precise 4xx problem+json, nothing is
// half-written, and the server keeps serving.
#include "support/problem_assertions.hpp"
#include "support/test_server.hpp"

#include "storage/database.hpp"

#include <catch2/catch.hpp>

#include <latch>
#include <thread>

using nlohmann::json;
using orbita::test::HttpClient;
using orbita::test::require_field_error;
using orbita::test::require_problem;
using orbita::test::TestServer;

namespace {

const json kLimits = {{"http", {{"max_body_bytes", 16384}, {"max_json_depth", 16}}}};

// Everything a failed write could have touched: every ticket (archived included) and
// the history of the first one.
json snapshot(HttpClient& http) {
    auto list = http.get("/api/v1/records/ticket?archived=all&limit=500&sort=id");
    REQUIRE(list.status == 200);
    auto history = http.get("/api/v1/records/ticket/1/history");
    REQUIRE(history.status == 200);
    return {{"tickets", list.json()["items"]}, {"history", history.json()["items"]}};
}

std::string nested_array(int depth) { return std::string(static_cast<std::size_t>(depth), '[') + std::string(static_cast<std::size_t>(depth), ']'); }

// A server with the ticket type and ticket #1.
struct Fixture {
    explicit Fixture(const std::string& backend) : server(backend, kLimits), http(server.client()) {
        server.add_ticket_type();
        auto first = http.post("/api/v1/records/ticket", {{"subject", "Первое обращение"}});
        REQUIRE(first.status == 201);
        before = snapshot(http);
    }
    // Requires that nothing changed and the server still answers.
    void unchanged() {
        CHECK(snapshot(http) == before);
        CHECK(http.get("/health").status == 200);
    }
    TestServer server;
    HttpClient http;
    json before;
};

}  // namespace

TEST_CASE("malformed and unusable JSON bodies are 400") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            Fixture f(backend);
            auto& http = f.http;
            const std::string path = "/api/v1/records/ticket";

            auto truncated = require_problem(http.request("POST", path, R"({"subject": )"), 400, "malformed-json");
            CHECK(truncated["detail"].get<std::string>().find("not valid JSON") != std::string::npos);
            CHECK(truncated["instance"] == path);
            require_problem(http.request("POST", path, "{\"subject\": \"\xff\xfe\"}"), 400, "malformed-json");
            require_problem(http.request("POST", path, "{'subject': 'x'}"), 400, "malformed-json");
            require_problem(http.request("POST", path, R"({"subject": "x",})"), 400, "malformed-json");
            require_problem(http.request("POST", path, ""), 400, "bad-request");
            require_problem(http.request("POST", path, "[]"), 400, "bad-request");
            require_problem(http.request("POST", path, R"("subject")"), 400, "bad-request");
            require_problem(http.request("PATCH", path + "/1", "{", {{"If-Match", "1"}}), 400, "malformed-json");
            require_problem(http.request("PATCH", path + "/1", "[1]", {{"If-Match", "1"}}), 400, "bad-request");
            // Not JSON at all according to its content type.
            require_problem(http.request("POST", path, "subject=x", {}, "application/x-www-form-urlencoded"), 415,
                            "unsupported-media-type");
            f.unchanged();
        }
    }
}

TEST_CASE("oversized and deeply nested bodies are refused before parsing") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            Fixture f(backend);
            auto& http = f.http;
            const std::string big = json{{"subject", "x"}, {"description", std::string(20000, 'a')}}.dump();
            auto too_large = require_problem(http.request("POST", "/api/v1/records/ticket", big), 413,
                                             "payload-too-large");
            CHECK(too_large["detail"].get<std::string>().find("16384") != std::string::npos);
            require_problem(http.request("PATCH", "/api/v1/records/ticket/1", big, {{"If-Match", "1"}}), 413);

            const std::string deep = R"({"subject": "x", "extra": )" + nested_array(20) + "}";
            auto too_deep = require_problem(http.request("POST", "/api/v1/records/ticket", deep), 400, "json-too-deep");
            CHECK(too_deep["detail"].get<std::string>().find("limit is 16") != std::string::npos);
            // A hostile depth far beyond the limit costs nothing.
            require_problem(http.request("POST", "/api/v1/records/ticket", std::string(15000, '[')), 400,
                            "json-too-deep");
            f.unchanged();

            // Within the limits the same shapes are accepted.
            auto ok = http.request("POST", "/api/v1/records/ticket",
                                   R"({"subject": "x", "extra": )" + nested_array(14) + "}");
            CHECK(ok.status == 201);
        }
    }
}

TEST_CASE("invalid field values are 422 listing every field at once") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            Fixture f(backend);
            auto& http = f.http;
            const std::string path = "/api/v1/records/ticket";

            // Wrong types: every one reported, not only the first.
            auto types = require_problem(
                http.post(path, {{"subject", 5}, {"rating", "five"}, {"paid", "yes"}, {"due_date", 20240101},
                                 {"amount", {{"amount", "много"}}}, {"watchers", 3}}),
                422, "validation-failed");
            CHECK(types["errors"].size() == 6);
            CHECK(types["detail"] == "6 fields are invalid");
            require_field_error(types, "subject", "wrong_type", "must be a string");
            require_field_error(types, "rating", "wrong_type", "integer");
            require_field_error(types, "paid", "wrong_type");
            require_field_error(types, "due_date", "invalid_date");
            require_field_error(types, "amount", "invalid_amount");
            require_field_error(types, "watchers", "wrong_type");

            // Unknown fields, with a hint, including names that look like SQL.
            auto unknown = require_problem(
                http.post(path, {{"subject", "x"}, {"subjet", "y"}, {"subject\"; DROP TABLE ticket; --", 1}}), 422);
            require_field_error(unknown, "subjet", "unknown_field", "did you mean 'subject'?");
            require_field_error(unknown, "subject\"; DROP TABLE ticket; --", "unknown_field");

            // Missing required fields, explicit nulls included.
            require_field_error(require_problem(http.post(path, json::object()), 422), "subject", "required");
            require_field_error(require_problem(http.post(path, {{"subject", nullptr}}), 422), "subject", "required");

            // Values out of range.
            auto range = require_problem(
                http.post(path, {{"subject", "x"}, {"rating", 6}, {"amount", {{"amount", -5}, {"currency", "RUB"}}}}),
                422);
            require_field_error(range, "rating", "out_of_range", "at most 5");
            require_field_error(range, "amount", "out_of_range", "at least 0");
            require_field_error(require_problem(http.post(path, {{"subject", "x"}, {"rating", 0}}), 422), "rating",
                                "out_of_range");
            require_field_error(require_problem(http.post(path, {{"subject", "x"}, {"rating", 9007199254740993ULL}}),
                                                422),
                                "rating", "out_of_range");
            require_field_error(
                require_problem(http.post(path, {{"subject", "x"}, {"amount", {{"amount", 1.005}}}}), 422), "amount",
                "invalid_amount", "digits after the point");

            // Over-long strings count characters, not bytes.
            require_field_error(require_problem(http.post(path, {{"subject", std::string(301, 'x')}}), 422),
                                "subject", "too_long", "at most 300 characters");
            std::string cyrillic;
            for (int i = 0; i < 201; ++i) cyrillic += "ж";
            require_field_error(require_problem(http.post(path, {{"subject", "x"}, {"client_name", cyrillic}}), 422),
                                "client_name", "too_long");
            require_field_error(require_problem(http.post(path, {{"subject", "a\x01b"}}), 422), "subject",
                                "invalid_characters");

            // Other per-type rules.
            auto rules = require_problem(http.post(path, {{"subject", "x"},
                                                          {"status", "nwe"},
                                                          {"phone", "garbage"},
                                                          {"email", "ivan@"},
                                                          {"resolved_at", "2024-03-15T09:30:00"},
                                                          {"amount", {{"amount", 1}, {"currency", "rub"}}}}),
                                         422);
            require_field_error(rules, "status", "invalid_choice", "did you mean 'new'?");
            require_field_error(rules, "phone", "invalid_phone");
            require_field_error(rules, "email", "invalid_email");
            require_field_error(rules, "resolved_at", "invalid_datetime");
            require_field_error(rules, "amount", "invalid_currency");

            // Fields the server maintains.
            auto server_owned = require_problem(
                http.post(path, {{"subject", "x"}, {"id", 7}, {"number", "T-1"}, {"created_at", "2024-01-01T00:00:00Z"}}),
                422);
            require_field_error(server_owned, "id", "read_only");
            require_field_error(server_owned, "number", "read_only");
            require_field_error(server_owned, "created_at", "read_only");

            // References to rows that do not exist: checked inside the write transaction.
            auto refs = require_problem(http.post(path, {{"subject", "x"},
                                                         {"department", 999999},
                                                         {"assignee", 424242},
                                                         {"watchers", {424242}},
                                                         {"attachments", {777}}}),
                                        422);
            require_field_error(refs, "department", "not_found", "no department with id 999999");
            require_field_error(refs, "assignee", "not_found");
            require_field_error(refs, "watchers", "not_found");
            require_field_error(refs, "attachments", "not_found", "no file with id 777");

            f.unchanged();
            // No failed attempt consumed a ticket number.
            auto next = http.post(path, {{"subject", "Второе"}});
            REQUIRE(next.status == 201);
            CHECK(next.json()["number"] == "T-000000002");
        }
    }
}

TEST_CASE("bad changes to an existing record leave it untouched") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            Fixture f(backend);
            auto& http = f.http;
            const std::string one = "/api/v1/records/ticket/1";

            auto invalid = require_problem(http.patch(one, {{"version", 1}, {"subject", "ok"}, {"rating", 10}}), 422);
            require_field_error(invalid, "rating", "out_of_range");
            CHECK(invalid["errors"].size() == 1);
            require_field_error(require_problem(http.patch(one, {{"version", 1}, {"number", "T-9"}}), 422), "number",
                                "read_only");
            require_field_error(require_problem(http.patch(one, {{"version", "1"}, {"subject", "x"}}), 422), "version",
                                "wrong_type");
            require_field_error(require_problem(http.patch(one, {{"version", 1}, {"subject", nullptr}}), 422),
                                "subject", "required");
            require_field_error(require_problem(http.patch(one, {{"version", 1}, {"department", 31337}}), 422),
                                "department", "not_found");
            require_problem(http.patch(one, {{"subject", "no version"}}), 428, "precondition-required");
            auto stale = require_problem(http.patch(one, {{"version", 7}, {"subject", "stale"}}), 409, "version-conflict");
            CHECK(stale["current"]["version"] == 1);
            CHECK(stale["current"]["subject"] == "Первое обращение");
            require_problem(http.patch(one, {{"subject", "x"}}, {{"If-Match", "one"}}), 400, "bad-request");
            require_problem(http.patch("/api/v1/records/ticket/999", {{"version", 1}, {"subject", "x"}}), 404,
                            "not-found");
            require_problem(http.patch("/api/v1/records/ticket/abc", {{"version", 1}}), 404, "not-found");
            require_problem(http.patch("/api/v1/records/tiket/1", {{"version", 1}}), 404, "not-found");
            f.unchanged();
        }
    }
}

TEST_CASE("a custom field may not clash with a built-in one") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            Fixture f(backend);
            auto& http = f.http;
            const std::string path = "/api/v1/types/ticket/fields";
            const json label = {{"ru", "Поле"}, {"en", "Field"}};
            auto add = [&](const json& declaration) { return http.post(path, declaration); };
            auto fields_before = http.get("/api/v1/types/ticket").json()["fields"];
            auto migrations_before = f.server.kernel().database().read([](orbita::kernel::storage::Connection& c) {
                return *c.query_int(orbita::kernel::storage::SqlFragment("SELECT COUNT(*) FROM schema_migrations"));
            });

            require_field_error(require_problem(add({{"name", "id"}, {"type", "string"}, {"label", label}}), 422),
                                "name", "invalid_field", "system field");
            require_field_error(
                require_problem(add({{"name", "created_by"}, {"type", "user"}, {"label", label}}), 422), "name",
                "invalid_field", "system field");
            require_field_error(require_problem(add({{"name", "subject"}, {"type", "string"}, {"label", label}}), 422),
                                "name", "invalid_field", "already has a field named 'subject'");
            // Columns clash too: money `amount` owns `amount_currency`, phone `phone` owns `phone_raw`.
            require_field_error(
                require_problem(add({{"name", "amount_currency"}, {"type", "string"}, {"label", label}}), 422), "name",
                "invalid_field", "column 'amount_currency' is already used by field 'amount'");
            require_field_error(
                require_problem(add({{"name", "phone_raw"}, {"type", "string"}, {"label", label}}), 422), "name",
                "invalid_field", "phone_raw");
            // A money field named like an existing one would take its column as well.
            require_field_error(require_problem(add({{"name", "rating"}, {"type", "money"}, {"label", label}}), 422),
                                "name", "invalid_field", "'rating'");
            // Names that are not identifiers, SQL included, fail the schema.
            require_problem(add({{"name", "x\"; DROP TABLE ticket; --"}, {"type", "string"}, {"label", label}}), 422);
            require_problem(add({{"name", "Bad Name"}, {"type", "string"}, {"label", label}}), 422);
            require_problem(add({{"name", "note"}, {"type", "strng"}, {"label", label}}), 422);
            require_problem(add({{"name", "note"}, {"type", "string"}}), 422);
            require_problem(add({{"name", "note"}, {"type", "ref"}, {"target", "nosuch"}, {"label", label}}), 422);
            require_problem(http.request("POST", path, "[]"), 400);
            require_problem(http.post("/api/v1/types/tiket/fields", {{"name", "note"}, {"type", "string"}, {"label", label}}),
                            404, "not-found");

            CHECK(http.get("/api/v1/types/ticket").json()["fields"] == fields_before);
            auto migrations_after = f.server.kernel().database().read([](orbita::kernel::storage::Connection& c) {
                return *c.query_int(orbita::kernel::storage::SqlFragment("SELECT COUNT(*) FROM schema_migrations"));
            });
            CHECK(migrations_after == migrations_before);
            f.unchanged();
            // The type is still extensible after the refusals.
            CHECK(add({{"name", "note"}, {"type", "string"}, {"label", label}}).status == 201);
        }
    }
}

TEST_CASE("concurrent PATCHes of one record: one wins, the rest are refused whole") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            Fixture f(backend);
            constexpr int kWriters = 8;
            // Every writer bases its change on version 1; odd writers also send an invalid rating.
            std::vector<orbita::test::HttpResponse> results(kWriters);
            std::latch start(kWriters);
            std::vector<std::thread> writers;
            for (int w = 0; w < kWriters; ++w) {
                writers.emplace_back([&, w] {
                    HttpClient http = f.server.client();
                    json patch = {{"version", 1}, {"subject", "writer " + std::to_string(w)}, {"rating", w % 2 ? 9 : 4}};
                    start.arrive_and_wait();
                    try {
                        results[static_cast<std::size_t>(w)] = http.patch("/api/v1/records/ticket/1", patch);
                    } catch (const std::exception& e) {
                        results[static_cast<std::size_t>(w)].body = e.what();
                    }
                });
            }
            for (auto& t : writers) t.join();

            int won = -1, conflicts = 0;
            for (int w = 0; w < kWriters; ++w) {
                const auto& r = results[static_cast<std::size_t>(w)];
                INFO("writer " << w << ": " << r.status << " " << r.body);
                if (w % 2) {
                    require_field_error(require_problem(r, 422), "rating", "out_of_range");
                } else if (r.status == 200) {
                    CHECK(won == -1);
                    won = w;
                } else {
                    require_problem(r, 409, "version-conflict");
                    ++conflicts;
                }
            }
            REQUIRE(won >= 0);
            CHECK(conflicts == kWriters / 2 - 1);
            auto stored = f.http.get("/api/v1/records/ticket/1").json();
            CHECK(stored["version"] == 2);
            CHECK(stored["subject"] == "writer " + std::to_string(won));
            CHECK(stored["rating"] == 4);
            // Exactly one change recorded, with the winner's values only.
            auto history = f.http.get("/api/v1/records/ticket/1/history").json()["items"];
            REQUIRE(history.size() == 2);
            CHECK(history[0]["changes"]["subject"]["new"] == "writer " + std::to_string(won));
            CHECK(f.http.get("/health").status == 200);
        }
    }
}
