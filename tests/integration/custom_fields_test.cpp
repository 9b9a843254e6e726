// SPDX-License-Identifier: Apache-2.0
// Custom fields over HTTP on every backend: added at run time, usable at once for
// writes, filters, sorting, reference paths and aggregates, described by the types
// endpoints and OpenAPI, and still there after a restart on the same database.
#include "support/records_helpers.hpp"
#include "support/test_server.hpp"

#include "core/resources.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <map>

using nlohmann::json;
using orbita::test::create_record;
using orbita::test::field_set;
using orbita::test::list_page;
using orbita::test::TestServer;
using Set = std::set<std::string>;

namespace {

json label(const std::string& ru, const std::string& en) { return {{"ru", ru}, {"en", en}}; }

json region_field() {
    return {{"name", "region"},
            {"type", "enum"},
            {"label", label("Регион", "Region")},
            {"indexed", true},
            {"values", {{{"value", "msk"}, {"label", label("Москва", "Moscow")}},
                        {{"value", "spb"}, {"label", label("Санкт-Петербург", "Saint Petersburg")}}}}};
}

json score_field() { return {{"name", "score"}, {"type", "int"}, {"label", label("Баллы", "Score")}, {"min", 0}}; }

json partner_field() {
    return {{"name", "partner"}, {"type", "ref"}, {"target", "department"}, {"label", label("Партнёр", "Partner")}};
}

json find_field(const json& type, const std::string& name) {
    for (const auto& f : type["fields"]) {
        if (f["name"] == name) return f;
    }
    return nullptr;
}

void add_field(orbita::test::HttpClient& http, const std::string& type, const json& declaration) {
    auto res = http.post("/api/v1/types/" + type + "/fields", declaration);
    INFO(res.body);
    REQUIRE(res.status == 201);
    auto field = find_field(res.json(), declaration["name"].get<std::string>());
    REQUIRE(field.is_object());
    CHECK(field["custom"] == true);
}

Set subjects(orbita::test::HttpClient& http, const orbita::test::Params& params) {
    return field_set(list_page(http, "ticket", params)["items"], "subject");
}

}  // namespace

TEST_CASE("a custom field is usable at once for writes, filters, sorting and aggregates") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            create_record(http, "ticket", {{"subject", "before"}});
            add_field(http, "ticket", region_field());
            add_field(http, "ticket", score_field());
            add_field(http, "ticket", partner_field());
            const auto acme = create_record(http, "department", {{"name", "Акме"}})["id"].get<std::int64_t>();

            // Records written before the field read it as empty.
            auto before = list_page(http, "ticket", {})["items"][0];
            CHECK(before.contains("region"));
            CHECK(before["region"].is_null());

            create_record(http, "ticket", {{"subject", "c1"}, {"region", "msk"}, {"score", 30}, {"partner", acme}});
            create_record(http, "ticket", {{"subject", "c2"}, {"region", "spb"}, {"score", 10}});
            auto c3 = create_record(http, "ticket", {{"subject", "c3"}, {"region", "msk"}, {"score", 20}});
            CHECK(c3["region"] == "msk");
            CHECK(c3["score"] == 20);

            // Values are validated with the field's rules.
            CHECK(http.post("/api/v1/records/ticket", {{"subject", "bad"}, {"region", "ekb"}}).status == 422);
            CHECK(http.post("/api/v1/records/ticket", {{"subject", "bad"}, {"score", -1}}).status == 422);

            auto res = http.patch("/api/v1/records/ticket/" + std::to_string(c3["id"].get<std::int64_t>()),
                                  {{"version", 1}, {"region", "spb"}});
            REQUIRE(res.status == 200);
            CHECK(res.json()["region"] == "spb");

            CHECK(subjects(http, {{"filter[region]", "msk"}}) == Set{"c1"});
            CHECK(subjects(http, {{"filter[region]", "spb"}}) == Set{"c2", "c3"});
            CHECK(subjects(http, {{"filter[score][ge]", "20"}}) == Set{"c1", "c3"});
            CHECK(subjects(http, {{"filter[region][is_null]", "true"}}) == Set{"before"});
            CHECK(subjects(http, {{"filter", json({{"field", "region"}, {"op", "ne"}, {"value", "spb"}}).dump()}}) ==
                  Set{"before", "c1"});
            CHECK(subjects(http, {{"filter[partner.name]", "Акме"}}) == Set{"c1"});

            std::vector<std::string> order;
            for (const auto& item : orbita::test::list_all(http, "ticket", {{"sort", "-score"}, {"limit", "1"}}))
                order.push_back(item["subject"].get<std::string>());
            CHECK(order == std::vector<std::string>{"c1", "c3", "c2", "before"});

            auto agg = http.get("/api/v1/records/ticket/aggregate?group_by=region&metrics=count,sum:score");
            REQUIRE(agg.status == 200);
            std::map<std::string, json> rows;
            const auto agg_body = agg.json();
            for (const auto& row : agg_body["rows"]) rows[row["key"]["region"].dump()] = row["values"];
            CHECK(rows.at("\"msk\"") == json({{"count", 1}, {"sum:score", 30}}));
            CHECK(rows.at("\"spb\"") == json({{"count", 2}, {"sum:score", 30}}));
            CHECK(rows.at("null")["count"] == 1);

            // The change is in the history like any other field.
            auto h = http.get("/api/v1/records/ticket/" + std::to_string(c3["id"].get<std::int64_t>()) + "/history");
            REQUIRE(h.status == 200);
            CHECK(h.json()["items"][0]["changes"]["region"] == json({{"old", "msk"}, {"new", "spb"}}));
        }
    }
}

TEST_CASE("a custom field appears in the types endpoints and in OpenAPI") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            auto openapi = http.get("/api/v1/openapi.json").json();
            CHECK(!openapi["components"]["schemas"]["ticket"]["properties"].contains("region"));

            add_field(http, "ticket", region_field());
            auto type = http.get("/api/v1/types/ticket").json();
            auto field = find_field(type, "region");
            REQUIRE(field.is_object());
            CHECK(field["type"] == "enum");
            CHECK(field["custom"] == true);
            CHECK(field["label"]["ru"] == "Регион");
            CHECK(field["values"].size() == 2);
            CHECK(type["fields"].back()["name"] == "region");  // custom fields come last

            bool listed = false;
            const auto types = http.get("/api/v1/types").json();
            for (const auto& t : types["items"]) {
                if (t["name"] == "ticket") listed = find_field(t, "region").is_object();
            }
            CHECK(listed);

            openapi = http.get("/api/v1/openapi.json").json();
            const auto& schemas = openapi["components"]["schemas"];
            REQUIRE(schemas["ticket"]["properties"].contains("region"));
            CHECK(schemas["ticket"]["properties"]["region"]["enum"] == json({"msk", "spb"}));
            CHECK(schemas["ticket_input"]["properties"].contains("region"));
            // Other types are untouched.
            CHECK(!schemas["department"]["properties"].contains("region"));
            CHECK(find_field(http.get("/api/v1/types/department").json(), "region").is_null());
        }
    }
}

TEST_CASE("custom fields are refused when they clash or are invalid") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            add_field(http, "ticket", score_field());
            auto again = http.post("/api/v1/types/ticket/fields", score_field());
            CHECK((again.status == 409 || again.status == 422));
            CHECK(http.post("/api/v1/types/ticket/fields", {{"name", "subject"}, {"type", "string"}, {"label", label("a", "a")}})
                      .status == 422);
            CHECK(http.post("/api/v1/types/ticket/fields", {{"name", "created_at"}, {"type", "string"}, {"label", label("a", "a")}})
                      .status == 422);
            CHECK(http.post("/api/v1/types/ticket/fields",
                            {{"name", "link"}, {"type", "ref"}, {"target", "nothing"}, {"label", label("a", "a")}})
                      .status == 422);
            CHECK(http.post("/api/v1/types/nothing/fields", score_field()).status == 404);
            // Only the valid field was added.
            std::size_t custom = 0;
            const auto ticket = http.get("/api/v1/types/ticket").json();
            for (const auto& f : ticket["fields"]) custom += f["custom"] == true ? 1 : 0;
            CHECK(custom == 1);
        }
    }
}

TEST_CASE("custom fields and their values survive a restart on the same database") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            // Declared in <data_dir>/types, as `orbita demo-data` does, so the next start loads it.
            const auto types_dir = server.data_dir() / "types";
            std::filesystem::create_directories(types_dir);
            const auto declaration = orbita::kernel::resource("kernel/demo/types/ticket.entity.json");
            std::ofstream(types_dir / "ticket.entity.json") << declaration;
            server.add_type(json::parse(declaration));
            {
                auto http = server.client();
                add_field(http, "ticket", region_field());
                add_field(http, "ticket", score_field());
                add_field(http, "department", {{"name", "code"}, {"type", "string"}, {"label", label("Код", "Code")}});
                create_record(http, "ticket", {{"subject", "r1"}, {"region", "msk"}, {"score", 5}});
                create_record(http, "ticket", {{"subject", "r2"}, {"region", "spb"}, {"score", 7}});
                create_record(http, "department", {{"name", "Склад"}, {"code", "WH"}});
            }

            server.restart();
            auto http = server.client();
            auto type = http.get("/api/v1/types/ticket").json();
            CHECK(find_field(type, "region").is_object());
            CHECK(find_field(type, "score").is_object());
            CHECK(find_field(http.get("/api/v1/types/department").json(), "code").is_object());
            auto openapi = http.get("/api/v1/openapi.json").json();
            CHECK(openapi["components"]["schemas"]["ticket"]["properties"].contains("score"));

            CHECK(subjects(http, {{"filter[region]", "spb"}}) == Set{"r2"});
            CHECK(subjects(http, {{"filter[score][lt]", "6"}}) == Set{"r1"});
            auto dept = list_page(http, "department", {{"filter[code]", "WH"}})["items"];
            REQUIRE(dept.size() == 1);
            CHECK(dept[0]["name"] == "Склад");
            auto r3 = create_record(http, "ticket", {{"subject", "r3"}, {"region", "msk"}, {"score", 1}});
            CHECK(r3["number"] == "T-000000003");
            CHECK(subjects(http, {{"filter[region]", "msk"}}) == Set{"r1", "r3"});

            // Adding further fields still works after the restart.
            add_field(http, "ticket", partner_field());
            CHECK(find_field(http.get("/api/v1/types/ticket").json(), "partner").is_object());
        }
    }
}
