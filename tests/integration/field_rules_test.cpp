// SPDX-License-Identifier: Apache-2.0
// Field rules over HTTP on every backend: a hidden field never leaves the server and
// behaves as if it did not exist (get, list, export, history, the 409 current record,
// filters, sorts, aggregates, search, type metadata, writes, error hints); a read-only
// field cannot be written; the built-in auditor reads everything and writes nothing.
#include "support/auth_helpers.hpp"
#include "support/problem_assertions.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using orbita::test::HttpClient;
using orbita::test::HttpResponse;
using orbita::test::Params;
using orbita::test::records_url;
using orbita::test::TestServer;

namespace {

// The secret values must not appear anywhere in what the clerk receives.
const std::vector<std::string> kSecrets = {"777", "888", "Secretive", "client_name", "amount"};

void require_clean(const HttpResponse& r) {
    INFO(r.body.substr(0, 1000));
    for (const auto& s : kSecrets) CHECK(r.body.find(s) == std::string::npos);
}

json with_subject(json body) {
    body["subject"] = "New";
    return body;
}

struct Setup {
    std::int64_t clerk = 0;
    std::int64_t ticket = 0;
    std::string url;
};

// A clerk's role hides amount and client_name (a search field) and makes paid read-only.
Setup setup(TestServer& server, HttpClient& admin) {
    server.add_ticket_type();
    const json rules = json::array({{{"entity_type", "ticket"}, {"field", "amount"}, {"access", "hidden"}},
                                    {{"entity_type", "ticket"}, {"field", "client_name"}, {"access", "hidden"}},
                                    {{"entity_type", "ticket"}, {"field", "paid"}, {"access", "readonly"}}});
    orbita::test::create_role(admin, "clerk", orbita::test::grants("ticket", "all"), rules);
    Setup s;
    s.clerk = server.create_user("clerk1", {"clerk"});
    auto t = orbita::test::create_record(admin, "ticket", {{"subject", "Visible one"}, {"client_name", "Secretive Corp"},
                                                            {"amount", 777}, {"paid", true}});
    s.ticket = t["id"].get<std::int64_t>();
    s.url = "/api/v1/records/ticket/" + std::to_string(s.ticket);
    return s;
}

}  // namespace

TEST_CASE("hidden fields never leave the server") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            auto admin = server.client();
            const auto s = setup(server, admin);
            auto clerk = server.client_with_token(server.token_for("clerk1"));
            // Changes to the hidden field alone, then to a visible one.
            REQUIRE(admin.patch(s.url, {{"amount", 888}}, {{"If-Match", "*"}}).status == 200);
            REQUIRE(admin.patch(s.url, {{"subject", "Visible two"}}, {{"If-Match", "*"}}).status == 200);

            auto got = clerk.get(s.url);
            REQUIRE(got.status == 200);
            CHECK_FALSE(got.json().contains("amount"));
            CHECK_FALSE(got.json().contains("client_name"));
            CHECK(got.json()["paid"] == true);
            CHECK(got.json()["subject"] == "Visible two");
            require_clean(got);
            CHECK(admin.get(s.url).json()["amount"]["amount"] == 888);

            auto list = clerk.get(records_url("ticket"));
            REQUIRE(list.status == 200);
            REQUIRE(list.json()["items"].size() == 1);
            require_clean(list);

            // History: the hidden values are gone, and so is the change that touched only them.
            auto history = clerk.get(s.url + "/history");
            REQUIRE(history.status == 200);
            require_clean(history);
            const auto entries = history.json()["items"];
            REQUIRE(entries.size() == 2);
            CHECK(entries[0]["changes"].contains("subject"));
            CHECK(entries[1]["action"] == "created");
            CHECK(admin.get(s.url + "/history").json()["items"].size() == 3);
            // Paging over the dropped entry still reaches the end.
            auto first = clerk.get(s.url + "/history?limit=1").json();
            REQUIRE(first["items"].size() == 1);
            auto second = clerk.get(s.url + "/history?limit=1&before=" + first["next_before"].dump()).json();
            REQUIRE(second["items"].size() == 1);
            CHECK(second["items"][0]["action"] == "created");

            // The current record of a version conflict.
            auto conflict = clerk.patch(s.url, {{"version", 1}, {"subject", "Stale"}});
            REQUIRE(conflict.status == 409);
            CHECK(conflict.json()["current"]["subject"] == "Visible two");
            require_clean(conflict);

            // Export: the default columns include amount; it is left out, as if absent.
            auto csv = clerk.get("/api/v1/records/ticket/export?format=csv&lang=en");
            REQUIRE(csv.status == 200);
            CHECK(csv.body.find("Visible two") != std::string::npos);
            CHECK(csv.body.find("Amount") == std::string::npos);
            require_clean(csv);
            CHECK(admin.get("/api/v1/records/ticket/export?format=csv&lang=en").body.find("Amount") != std::string::npos);

            // Type metadata lists neither field; paid is announced read-only.
            auto type = clerk.get("/api/v1/types/ticket");
            REQUIRE(type.status == 200);
            const auto type_doc = type.json();
            for (const auto& f : type_doc["fields"]) {
                CHECK(f["name"] != "amount");
                CHECK(f["name"] != "client_name");
            }
            CHECK(type.json()["access"]["readonly_fields"] == json({"paid"}));

            // A second role that reads tickets without the restriction lifts it.
            orbita::test::create_role(admin, "head", orbita::test::grants("ticket", "all", {"read"}));
            orbita::test::set_roles(admin, s.clerk, {"clerk", "head"});
            CHECK(clerk.get(s.url).json()["amount"]["amount"] == 888);
        }
    }
}

TEST_CASE("hidden fields are unknown to filters, sorts, aggregates, search, exports and writes") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            auto admin = server.client();
            const auto s = setup(server, admin);
            auto clerk = server.client_with_token(server.token_for("clerk1"));

            // Each refused query answers like one naming a field that does not exist, and
            // a typo never draws a hint towards the hidden field.
            struct Probe {
                std::string path;
                std::string unknown_twin;
            };
            const std::string list = "/api/v1/records/ticket", agg = "/api/v1/records/ticket/aggregate";
            const std::vector<Probe> probes = {
                {list + "?filter[amount][gt]=0", list + "?filter[nosuch][gt]=0"},
                {list + "?filter[client_name]=Secretive%20Corp", list + "?filter[nosuch]=Secretive%20Corp"},
                {list + "?filter=" + HttpClient::encode(R"({"field":"amount","op":"gt","value":0})"),
                 list + "?filter=" + HttpClient::encode(R"({"field":"nosuch","op":"gt","value":0})")},
                {list + "?filter[amoun][gt]=0", list + "?filter[nosuch][gt]=0"},
                {list + "?sort=amount", list + "?sort=nosuch"},
                {list + "?sort=-client_name", list + "?sort=-nosuch"},
                {list + "?sort=amoun", list + "?sort=nosuch"},
                {agg + "?metrics=sum:amount", agg + "?metrics=sum:nosuch"},
                {agg + "?metrics=max:amoun", agg + "?metrics=max:nosuch"},
                {agg + "?group_by=client_name", agg + "?group_by=nosuch"},
                {"/api/v1/records/ticket/export?format=csv&fields=subject,amount", "/api/v1/records/ticket/export?format=csv&fields=subject,nosuch"},
                {"/api/v1/records/ticket/export?format=csv&fields=amoun", "/api/v1/records/ticket/export?format=csv&fields=nosuch"},
            };
            for (const auto& p : probes) {
                INFO(p.path);
                auto hidden = clerk.get(p.path);
                auto twin = clerk.get(p.unknown_twin);
                auto doc = orbita::test::require_problem(hidden, 400);
                CHECK(twin.status == 400);
                CHECK(doc["type"] == twin.json()["type"]);
                REQUIRE(doc["errors"].size() == twin.json()["errors"].size());
                CHECK(doc["errors"][0]["code"] == twin.json()["errors"][0]["code"]);
                CHECK(doc["errors"][0]["code"] == "unknown_field");
                CHECK(hidden.body.find("did you mean") == std::string::npos);
                // Only the name the client typed may appear.
                if (p.path.find("amoun") != std::string::npos && p.path.find("amount") == std::string::npos)
                    CHECK(hidden.body.find("amount") == std::string::npos);
                CHECK((hidden.body.find("client_name") == std::string::npos || p.path.find("client_name") != std::string::npos));
                // The administrator may use them all.
                if (p.path.find("amoun") == std::string::npos || p.path.find("amount") != std::string::npos)
                    CHECK(admin.get(p.path).status == 200);
            }

            // Searching for a hidden value finds nothing; visible words still match.
            CHECK(clerk.get(list + "?q=Secretive").json()["items"].empty());
            CHECK(admin.get(list + "?q=Secretive").json()["items"].size() == 1);
            CHECK(clerk.get(list + "?q=Visible").json()["items"].size() == 1);
            CHECK(clerk.get(agg + "?q=Secretive").json()["rows"][0]["values"]["count"] == 0);

            // Writing a hidden field is writing an unknown one (422), with no hint either.
            const Params denied = {{"action", "access.denied"}, {"user", std::to_string(s.clerk)}};
            for (const json& body : {json({{"amount", 1}}), json({{"client_name", "X"}}), json({{"amoun", 1}})}) {
                INFO(body.dump());
                auto r = clerk.patch(s.url, body, {{"If-Match", "*"}});
                orbita::test::require_field_error(orbita::test::require_problem(r, 422), body.begin().key(), "unknown_field");
                CHECK(r.body.find("did you mean") == std::string::npos);
                auto c = clerk.post(list, with_subject(body));
                orbita::test::require_problem(c, 422);
            }
            // Writing a read-only field: 403, audited, nothing written.
            auto mark = orbita::test::newest_audit_id(admin, denied);
            auto before = admin.get(s.url).json();
            auto r = clerk.patch(s.url, {{"paid", false}, {"subject", "Changed"}}, {{"If-Match", "*"}});
            orbita::test::require_field_error(orbita::test::require_problem(r, 403, "forbidden-field"), "paid", "forbidden_field");
            CHECK(orbita::test::audited_since(admin, mark, denied));
            CHECK(admin.get(s.url).json() == before);
            mark = orbita::test::newest_audit_id(admin, denied);
            orbita::test::require_problem(clerk.post(list, {{"subject", "New"}, {"paid", true}}), 403, "forbidden-field");
            CHECK(orbita::test::audited_since(admin, mark, denied));
            CHECK(admin.get(list).json()["items"].size() == 1);
            // Other fields remain writable.
            CHECK(clerk.patch(s.url, {{"subject", "Changed"}}, {{"If-Match", "*"}}).status == 200);
        }
    }
}

TEST_CASE("the auditor reads every record and the audit log and writes nothing") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            auto admin = server.client();
            const auto s = setup(server, admin);
            const auto auditor = server.create_user("auditor1", {"auditor"});
            auto http = server.client_with_token(server.token_for("auditor1"));

            auto got = http.get(s.url);
            REQUIRE(got.status == 200);
            CHECK(got.json()["amount"]["amount"] == 777);
            CHECK(http.get(records_url("ticket")).json()["items"].size() == 1);
            CHECK(http.get(records_url("user")).json()["items"].size() == 3);
            CHECK(http.get(s.url + "/history").status == 200);
            CHECK(http.get("/api/v1/records/ticket/aggregate").status == 200);
            CHECK(http.get("/api/v1/audit").status == 200);

            const Params denied = {{"action", "access.denied"}, {"user", std::to_string(auditor)}};
            const auto before = admin.get(s.url).json();
            struct Write {
                std::string method, path, body;
            };
            for (const auto& w : std::vector<Write>{{"POST", "/api/v1/records/ticket", R"({"subject":"x"})"},
                                                    {"PATCH", s.url, R"({"subject":"x"})"},
                                                    {"DELETE", s.url, ""},
                                                    {"POST", s.url + "/restore", ""},
                                                    {"POST", "/api/v1/records/department", R"({"name":"x"})"},
                                                    {"POST", "/api/v1/admin/roles", R"({"name":"x"})"},
                                                    {"POST", "/api/v1/types/ticket/fields", R"({"name":"x","type":"string"})"}}) {
                INFO(w.method << " " << w.path);
                const auto mark = orbita::test::newest_audit_id(admin, denied);
                orbita::test::require_problem(http.request(w.method, w.path, w.body, {{"If-Match", "*"}}), 403);
                CHECK(orbita::test::audited_since(admin, mark, denied));
            }
            CHECK(admin.get(s.url).json() == before);
            // A personal denial beats the auditor's read-everything.
            orbita::test::set_overrides(admin, auditor, orbita::test::grants("ticket", "none", {"read"}));
            CHECK(http.get(s.url).status == 404);
            CHECK(http.get(records_url("ticket")).status == 403);
        }
    }
}
