// SPDX-License-Identifier: Apache-2.0
// The record life cycle over HTTP on every backend: create, read, change, archive,
// restore, and the list's view of archived records.
#include "support/records_helpers.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using orbita::test::create_record;
using orbita::test::field_set;
using orbita::test::list_page;
using orbita::test::TestServer;

namespace {

std::string ticket_url(std::int64_t id) { return "/api/v1/records/ticket/" + std::to_string(id); }

}  // namespace

TEST_CASE("a ticket with every kind of field is created and read back") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            const auto dept = create_record(http, "department", {{"name", "Поддержка"}})["id"].get<std::int64_t>();
            const auto ivan =
                create_record(http, "user", {{"login", "ivanov"}, {"full_name", "Иванов Иван"}})["id"].get<std::int64_t>();
            const auto maria =
                create_record(http, "user", {{"login", "petrova"}, {"full_name", "Петрова Мария"}})["id"].get<std::int64_t>();

            const json body = {{"subject", "Не работает касса"},
                               {"description", "строка 1\nстрока 2"},
                               {"status", "in_progress"},
                               {"priority", "high"},
                               {"client_name", "ООО «Ромашка»"},
                               {"phone", "8 (916) 123-45-67"},
                               {"email", "Info@Romashka.RU"},
                               {"amount", {{"amount", 1234.5}, {"currency", "RUB"}}},
                               {"due_date", "2024-03-15"},
                               {"resolved_at", "2024-03-15T12:30:00+03:00"},
                               {"assignee", ivan},
                               {"department", dept},
                               {"watchers", {maria, ivan}},
                               {"rating", 4},
                               {"paid", true},
                               {"extra", {{"source", "web"}, {"tags", {"a", "b"}}}}};
            auto res = http.post("/api/v1/records/ticket", body);
            INFO(res.body);
            REQUIRE(res.status == 201);
            auto created = res.json();
            const auto id = created["id"].get<std::int64_t>();
            CHECK(id > 0);
            CHECK(res.header("Location") == ticket_url(id));
            CHECK(res.header("ETag") == "\"1\"");
            CHECK(created["version"] == 1);
            CHECK(created["number"] == "T-000000001");
            CHECK(created["_title"] == "T-000000001 Не работает касса");
            CHECK(created["archived_at"].is_null());
            CHECK(created["created_at"].is_string());
            CHECK(created["created_at"] == created["updated_at"]);
            CHECK(created["description"] == "строка 1\nстрока 2");
            CHECK(created["status"] == "in_progress");
            CHECK(created["client_name"] == "ООО «Ромашка»");
            CHECK(created["phone"] == json({{"e164", "+79161234567"}, {"raw", "8 (916) 123-45-67"}}));
            CHECK(created["email"] == "info@romashka.ru");
            CHECK(created["amount"] == json({{"amount", 1234.5}, {"currency", "RUB"}}));
            CHECK(created["due_date"] == "2024-03-15");
            CHECK(created["resolved_at"] == "2024-03-15T09:30:00.000Z");
            CHECK(created["assignee"] == ivan);
            CHECK(created["department"] == dept);
            CHECK(created["watchers"] == json({maria, ivan}));
            CHECK(created["rating"] == 4);
            CHECK(created["paid"] == true);
            CHECK(created["extra"] == json({{"source", "web"}, {"tags", {"a", "b"}}}));

            auto fetched = http.get(ticket_url(id));
            REQUIRE(fetched.status == 200);
            CHECK(fetched.header("ETag") == "\"1\"");
            CHECK(fetched.json() == created);
        }
    }
}

TEST_CASE("defaults fill absent fields and unset fields read as null") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            auto t = create_record(http, "ticket", {{"subject", "Минимум"}});
            CHECK(t["status"] == "new");
            CHECK(t["priority"] == "normal");
            CHECK(t["paid"] == false);
            // "current_user" is whoever creates the record.
            CHECK(t["assignee"] == server.admin_id());
            CHECK(t["phone"].is_null());
            CHECK(t["amount"].is_null());
            CHECK(t["watchers"] == json::array());
            CHECK(t["attachments"] == json::array());
            // Money without a currency takes the field's default currency.
            auto m = create_record(http, "ticket", {{"subject", "Деньги"}, {"amount", 99.99}});
            CHECK(m["amount"] == json({{"amount", 99.99}, {"currency", "RUB"}}));
            CHECK(m["number"] == "T-000000002");
        }
    }
}

TEST_CASE("PATCH changes only the given fields and bumps the version") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            auto t = create_record(http, "ticket", {{"subject", "Было"}, {"rating", 2}, {"client_name", "Клиент"}});
            const auto id = t["id"].get<std::int64_t>();

            auto res = http.patch(ticket_url(id), {{"version", 1}, {"subject", "Стало"}, {"rating", nullptr}});
            INFO(res.body);
            REQUIRE(res.status == 200);
            auto v2 = res.json();
            CHECK(res.header("ETag") == "\"2\"");
            CHECK(v2["version"] == 2);
            CHECK(v2["subject"] == "Стало");
            CHECK(v2["rating"].is_null());
            CHECK(v2["client_name"] == "Клиент");
            CHECK(v2["number"] == t["number"]);
            CHECK(v2["created_at"] == t["created_at"]);
            CHECK(http.get(ticket_url(id)).json() == v2);

            // The version may come as If-Match instead, strong or weak.
            res = http.patch(ticket_url(id), {{"status", "waiting"}}, {{"If-Match", "\"2\""}});
            REQUIRE(res.status == 200);
            CHECK(res.json()["version"] == 3);
            CHECK(res.json()["status"] == "waiting");
            res = http.patch(ticket_url(id), {{"status", "done"}}, {{"If-Match", "W/\"3\""}});
            REQUIRE(res.status == 200);
            CHECK(res.json()["version"] == 4);

            // Without any version the change is refused; If-Match: * overwrites.
            res = http.patch(ticket_url(id), {{"status", "new"}});
            CHECK(res.status == 428);
            CHECK(http.get(ticket_url(id)).json()["status"] == "done");
            res = http.patch(ticket_url(id), {{"status", "new"}}, {{"If-Match", "*"}});
            REQUIRE(res.status == 200);
            CHECK(res.json()["version"] == 5);
            CHECK(res.json()["status"] == "new");

            // A PATCH that changes nothing keeps the version.
            res = http.patch(ticket_url(id), {{"version", 5}, {"status", "new"}, {"subject", "Стало"}});
            REQUIRE(res.status == 200);
            CHECK(res.json()["version"] == 5);
            CHECK(res.json()["updated_at"] == http.get(ticket_url(id)).json()["updated_at"]);
        }
    }
}

TEST_CASE("many-valued and reference fields are replaced by PATCH") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            const auto a = create_record(http, "user", {{"login", "a"}, {"full_name", "A"}})["id"].get<std::int64_t>();
            const auto b = create_record(http, "user", {{"login", "b"}, {"full_name", "B"}})["id"].get<std::int64_t>();
            const auto c = create_record(http, "user", {{"login", "c"}, {"full_name", "C"}})["id"].get<std::int64_t>();
            auto t = create_record(http, "ticket", {{"subject", "s"}, {"watchers", {a, b}}, {"assignee", a}});
            const auto id = t["id"].get<std::int64_t>();
            auto res = http.patch(ticket_url(id), {{"version", 1}, {"watchers", {c, a}}, {"assignee", c}});
            REQUIRE(res.status == 200);
            CHECK(res.json()["watchers"] == json({c, a}));
            CHECK(res.json()["assignee"] == c);
            res = http.patch(ticket_url(id), {{"version", 2}, {"watchers", json::array()}, {"assignee", nullptr}});
            REQUIRE(res.status == 200);
            CHECK(res.json()["watchers"] == json::array());
            CHECK(res.json()["assignee"].is_null());
            CHECK(http.get(ticket_url(id)).json()["watchers"] == json::array());
        }
    }
}

TEST_CASE("DELETE archives, lists hide archived records, restore brings them back") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            for (const char* s : {"один", "два", "три"}) create_record(http, "ticket", {{"subject", s}});
            auto two = list_page(http, "ticket", {{"filter[subject]", "два"}})["items"][0];
            const auto id = two["id"].get<std::int64_t>();

            auto res = http.del(ticket_url(id));
            INFO(res.body);
            REQUIRE(res.status == 200);
            auto archived = res.json();
            CHECK(archived["archived_at"].is_string());
            CHECK(archived["version"] == 2);
            CHECK(res.header("ETag") == "\"2\"");

            // Still readable by id; gone from the default list.
            auto fetched = http.get(ticket_url(id));
            REQUIRE(fetched.status == 200);
            CHECK(fetched.json()["archived_at"] == archived["archived_at"]);
            using Set = std::set<std::string>;
            CHECK(field_set(list_page(http, "ticket", {})["items"], "subject") == Set{"один", "три"});
            CHECK(field_set(list_page(http, "ticket", {{"archived", "false"}})["items"], "subject") == Set{"один", "три"});
            CHECK(field_set(list_page(http, "ticket", {{"archived", "true"}})["items"], "subject") == Set{"два"});
            CHECK(field_set(list_page(http, "ticket", {{"archived", "all"}})["items"], "subject") ==
                  Set{"один", "два", "три"});
            CHECK(list_page(http, "ticket", {{"archived", "all"}, {"count", "true"}})["total"] == 3);

            // Archiving again changes nothing; an archived record cannot be edited.
            res = http.del(ticket_url(id));
            REQUIRE(res.status == 200);
            CHECK(res.json()["version"] == 2);
            res = http.patch(ticket_url(id), {{"version", 2}, {"subject", "нельзя"}});
            CHECK(res.status == 409);
            CHECK(http.get(ticket_url(id)).json()["subject"] == "два");

            res = http.request("POST", ticket_url(id) + "/restore");
            INFO(res.body);
            REQUIRE(res.status == 200);
            CHECK(res.json()["archived_at"].is_null());
            CHECK(res.json()["version"] == 3);
            CHECK(field_set(list_page(http, "ticket", {})["items"], "subject") == Set{"один", "два", "три"});
            CHECK(list_page(http, "ticket", {{"archived", "true"}})["items"].empty());

            // Restoring an active record is a no-op; after restore it can be edited again.
            res = http.request("POST", ticket_url(id) + "/restore");
            REQUIRE(res.status == 200);
            CHECK(res.json()["version"] == 3);
            res = http.patch(ticket_url(id), {{"version", 3}, {"subject", "два!"}});
            REQUIRE(res.status == 200);
            CHECK(res.json()["subject"] == "два!");
        }
    }
}

TEST_CASE("missing records and types answer 404 problems") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            for (const auto& res : {http.get(ticket_url(999)), http.del(ticket_url(999)),
                                    http.request("POST", ticket_url(999) + "/restore"),
                                    http.patch(ticket_url(999), {{"version", 1}, {"subject", "x"}}),
                                    http.get(ticket_url(999) + "/history"), http.get("/api/v1/records/tiket"),
                                    http.post("/api/v1/records/tiket", {{"subject", "x"}})}) {
                INFO(res.body);
                CHECK(res.status == 404);
                CHECK(res.header("Content-Type").rfind("application/problem+json", 0) == 0);
            }
            CHECK(list_page(http, "ticket", {})["items"].empty());
        }
    }
}

TEST_CASE("the types endpoints describe built-in and added types") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            auto res = http.get("/api/v1/types");
            INFO(res.body.substr(0, 300));
            REQUIRE(res.status == 200);
            std::set<std::string> names;
            const auto types = res.json();
            for (const auto& t : types["items"]) names.insert(t["name"].get<std::string>());
            CHECK(names.count("ticket") == 1);
            CHECK(names.count("user") == 1);
            CHECK(names.count("department") == 1);

            res = http.get("/api/v1/types/ticket");
            REQUIRE(res.status == 200);
            auto type = res.json();
            CHECK(type["name"] == "ticket");
            CHECK(type["label"]["ru"] == "Обращение");
            std::set<std::string> fields;
            for (const auto& f : type["fields"]) fields.insert(f["name"].get<std::string>());
            for (const char* f : {"id", "version", "created_at", "number", "subject", "status", "amount", "watchers"})
                CHECK(fields.count(f) == 1);
            CHECK(http.get("/api/v1/types/nope").status == 404);
        }
    }
}
