// SPDX-License-Identifier: Apache-2.0
// Saved list views (kernel migration 0008) and the global search, on both backends:
// owners, sharing by role, validation as the records API runs it, and search across
// the types one may read with hidden fields and scopes applied.
#include "support/auth_helpers.hpp"
#include "support/problem_assertions.hpp"
#include "support/records_helpers.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using namespace orbita::test;

namespace {

json a_list(const std::string& name) {
    return {{"type", "ticket"},
            {"name", name},
            {"columns", {"number", "subject", "status"}},
            {"filter", {{"and", {{{"field", "status"}, {"op", "eq"}, {"value", "new"}}}}}},
            {"sort", "-number"}};
}

std::vector<std::string> names(const HttpResponse& r) {
    INFO(r.status << " " << r.body);
    REQUIRE(r.status == 200);
    std::vector<std::string> out;
    const auto page = r.json();  // kept: a range-for over r.json()["items"] would dangle
    for (const auto& l : page["items"]) out.push_back(l["name"].get<std::string>());
    return out;
}

}  // namespace

TEST_CASE("saved lists belong to their owner and are shared read-only with a role") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer s(backend);
            auto admin = s.client();
            s.add_ticket_type();
            create_role(admin, "clerk", grants("ticket", "all"),
                        json::array({{{"entity_type", "ticket"}, {"field", "amount"}, {"access", "hidden"}}}));
            s.create_user("anna", {"clerk"});
            s.create_user("boris", {"clerk"});
            s.create_user("olga", {});
            auto anna = s.client_with_token(s.token_for("anna"));
            auto boris = s.client_with_token(s.token_for("boris"));
            auto olga = s.client_with_token(s.token_for("olga"));

            auto created = anna.post("/api/v1/saved-lists", a_list("Новые"));
            REQUIRE(created.status == 201);
            const std::string url = "/api/v1/saved-lists/" + std::to_string(created.json()["id"].get<std::int64_t>());
            CHECK(created.json()["mine"] == true);
            CHECK(created.json()["sort"] == "-number");
            CHECK(created.json()["filter"] == a_list("x")["filter"]);
            CHECK(names(anna.get("/api/v1/saved-lists?type=ticket")) == std::vector<std::string>{"Новые"});
            CHECK(names(boris.get("/api/v1/saved-lists?type=ticket")).empty());
            require_problem(anna.post("/api/v1/saved-lists", a_list("Новые")), 409);

            // Shared with a role the owner holds: its holders see it, but cannot change it.
            auto shared = a_list("Новые");
            shared["shared_with_role"] = "clerk";
            REQUIRE(anna.request("PUT", url, shared.dump()).status == 200);
            auto seen = boris.get("/api/v1/saved-lists?type=ticket").json()["items"];
            REQUIRE(seen.size() == 1);
            CHECK(seen[0]["mine"] == false);
            CHECK(seen[0]["shared_with_role"] == "clerk");
            require_problem(boris.request("PUT", url, a_list("Mine now").dump()), 404);
            require_problem(boris.request("DELETE", url), 404);
            shared["shared_with_role"] = "administrator";
            require_problem(anna.request("PUT", url, shared.dump()), 422);

            // What cannot run is not saved: hidden or unknown columns, bad filters and
            // sorts, a type one may not read.
            auto hidden = a_list("Суммы");
            hidden["columns"] = {"subject", "amount"};
            require_problem(anna.post("/api/v1/saved-lists", hidden), 422);
            auto bad_filter = a_list("Плохой");
            bad_filter["filter"] = {{"field", "amount"}, {"op", "gt"}, {"value", 1}};
            require_problem(anna.post("/api/v1/saved-lists", bad_filter), 400);
            auto bad_sort = a_list("Сортировка");
            bad_sort["sort"] = "nosuchfield";
            require_problem(anna.post("/api/v1/saved-lists", bad_sort), 400);
            require_problem(olga.post("/api/v1/saved-lists", a_list("Чужое")), 403);
            require_problem(anna.post("/api/v1/saved-lists", json{{"type", "ticket"}, {"name", ""}}), 422);
            require_problem(anna.post("/api/v1/saved-lists", json{{"name", "no type"}}), 422);
            require_problem(anna.get("/api/v1/saved-lists?type=nosuchtype"), 404);
            require_problem(anna.get("/api/v1/saved-lists"), 400);

            REQUIRE(anna.request("DELETE", url).status == 204);
            CHECK(names(boris.get("/api/v1/saved-lists?type=ticket")).empty());
        }
    }
}

TEST_CASE("global search finds records across readable types, Cyrillic included") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer s(backend);
            auto admin = s.client();
            s.add_ticket_type();
            create_role(admin, "owner", grants("ticket", "own"));
            const auto owner = s.create_user("owner1", {"owner"}, {{"full_name", "Ёлкина Анна"}});
            create_record(admin, "ticket", {{"subject", "Жалоба Ёлкиной"}, {"client_name", "ООО Ёлка"}});
            create_record(admin, "ticket", {{"subject", "Своя жалоба"}, {"assignee", owner}});
            auto r = admin.get("/api/v1/search?q=%D0%B5%D0%BB%D0%BA");  // "елк": ё folded, a prefix
            REQUIRE(r.status == 200);
            std::map<std::string, std::size_t> hits;
            const auto found = r.json();
            for (const auto& g : found["groups"]) hits[g["type"].get<std::string>()] = g["items"].size();
            CHECK(hits["ticket"] == 1);
            CHECK(hits["user"] == 1);

            // The owner sees only their own ticket, and no users (no read right on them).
            auto mine = s.client_with_token(s.token_for("owner1")).get("/api/v1/search?q=%D0%B6%D0%B0%D0%BB%D0%BE%D0%B1%D0%B0");
            REQUIRE(mine.status == 200);
            REQUIRE(mine.json()["groups"].size() == 1);
            CHECK(mine.json()["groups"][0]["type"] == "ticket");
            REQUIRE(mine.json()["groups"][0]["items"].size() == 1);
            CHECK(mine.json()["groups"][0]["items"][0]["title"].get<std::string>().find("Своя") != std::string::npos);
            require_problem(admin.get("/api/v1/search?q="), 400);
            require_problem(admin.get("/api/v1/search?q=x&per_type=0"), 400);
        }
    }
}
