// SPDX-License-Identifier: Apache-2.0
// Who sees which crm records beyond role scopes, over HTTP on both backends: deals to
// their participants, calls of others hidden from employees.
#include "support/auth_helpers.hpp"
#include "support/crm_server.hpp"
#include "support/records_helpers.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using nlohmann::json;
using namespace orbita;
using namespace orbita::test;

namespace {

std::int64_t id_of(const json& j) { return j["id"].get<std::int64_t>(); }

std::vector<std::int64_t> ids(HttpClient& api, const std::string& path) {
    auto r = api.get(path);
    INFO(r.body);
    REQUIRE(r.status == 200);
    std::vector<std::int64_t> out;
    const auto page = r.json();  // kept: iterating a member of a temporary would dangle
    for (const auto& item : page["items"]) out.push_back(id_of(item));
    std::sort(out.begin(), out.end());
    return out;
}

std::int64_t first_event_type(HttpClient& api, bool call) {
    auto types = api.get(std::string("/api/v1/records/event_type?filter[is_call]=") + (call ? "true" : "false")).json()["items"];
    REQUIRE_FALSE(types.empty());
    return id_of(types[0]);
}

}  // namespace

TEST_CASE("crm visibility: participants see their deals, employees see only their own calls") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            CrmServer crm(backend, CRM_PLUGIN_DIR);
            auto& admin = crm.api();
            auto& server = *crm.server;
            create_role(admin, "employee",
                        concat(concat(grants("deal", "own", {"read"}), grants("event", "all", {"read"})), grants("event_type", "all", {"read"})));
            const auto ivan = server.create_user("ivanov", {"employee"}, {{"full_name", "Иван Иванов"}});
            const auto petr = server.create_user("petrov", {"employee"}, {{"full_name", "Пётр Петров"}});
            auto as_ivan = server.client_with_token(server.token_for("ivanov"));
            auto as_petr = server.client_with_token(server.token_for("petrov"));

            // Ivan takes part in the admin's deal; Petr leads another one.
            const auto shared = id_of(create_record(admin, "deal", {{"title", "Склад на Варшавке"}, {"participants", {ivan}}}));
            const auto petrs = id_of(create_record(admin, "deal", {{"title", "Офис на Тверской"}, {"leader", petr}}));
            create_record(admin, "deal", {{"title", "Чужая сделка"}});
            CHECK(ids(as_ivan, "/api/v1/records/deal") == std::vector<std::int64_t>{shared});
            CHECK(ids(as_petr, "/api/v1/records/deal") == std::vector<std::int64_t>{petrs});
            CHECK(ids(as_ivan, "/api/v1/records/deal?q=Варшавке") == std::vector<std::int64_t>{shared});  // search too
            CHECK(as_ivan.get("/api/v1/records/deal/" + std::to_string(shared)).status == 200);
            CHECK(as_petr.get("/api/v1/records/deal/" + std::to_string(shared)).status == 404);
            auto counted = as_ivan.get("/api/v1/records/deal/aggregate?metrics=count");
            INFO(counted.body);
            REQUIRE(counted.status == 200);
            CHECK(counted.json()["rows"][0]["values"]["count"] == 1);  // aggregates too

            // Calls: each employee sees his own; other events stay visible to both.
            const auto call = first_event_type(admin, true), meeting = first_event_type(admin, false);
            const auto petrs_call = id_of(create_record(admin, "event", {{"event_type", call}, {"subject", "Звонок Петрова"}, {"responsible", petr}}));
            const auto ivans_call = id_of(create_record(admin, "event", {{"event_type", call}, {"subject", "Звонок Иванова"}, {"responsible", ivan}}));
            const auto petrs_meeting = id_of(create_record(admin, "event", {{"event_type", meeting}, {"subject", "Встреча"}, {"responsible", petr}}));
            CHECK(ids(as_ivan, "/api/v1/records/event") == std::vector<std::int64_t>{ivans_call, petrs_meeting});
            CHECK(ids(as_petr, "/api/v1/records/event") == std::vector<std::int64_t>{petrs_call, petrs_meeting});
            CHECK(as_ivan.get("/api/v1/records/event/" + std::to_string(petrs_call)).status == 404);
            CHECK(ids(admin, "/api/v1/records/event").size() == 3);

            // crm.calls / read_all lifts the restriction.
            set_overrides(admin, ivan, grants("crm.calls", "all", {"read_all"}));
            CHECK(ids(as_ivan, "/api/v1/records/event") == std::vector<std::int64_t>{petrs_call, ivans_call, petrs_meeting});
        }
    }
}

TEST_CASE("crm menu: each user is offered the crm screens of the types they may read") {
    const auto menu_ids = [](HttpClient& api) {
        auto r = api.get("/api/v1/ui/menu");
        INFO(r.body);
        REQUIRE(r.status == 200);
        std::vector<std::string> out;
        const auto page = r.json();
        for (const auto& item : page["items"])
            if (item["plugin"] == "crm") out.push_back(item["id"]);
        return out;
    };
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            CrmServer crm(backend, CRM_PLUGIN_DIR);
            auto& admin = crm.api();
            CHECK(menu_ids(admin) == std::vector<std::string>{"crm.clients", "crm.organizations", "crm.deals", "crm.tasks",
                                                              "crm.events", "crm.requests", "crm.projects"});
            auto items = admin.get("/api/v1/ui/menu").json()["items"];
            const auto deals = std::find_if(items.begin(), items.end(), [](const json& i) { return i["id"] == "crm.deals"; });
            REQUIRE(deals != items.end());
            CHECK((*deals)["route"] == "/records/deal/board");
            CHECK((*deals)["label"]["ru"] == "Сделки");

            create_role(admin, "caller", concat(grants("client", "all", {"read"}), grants("event", "own", {"read"})));
            crm.server->create_user("caller1", {"caller"});
            auto as_caller = crm.server->client_with_token(crm.server->token_for("caller1"));
            CHECK(menu_ids(as_caller) == std::vector<std::string>{"crm.clients", "crm.events"});
        }
    }
}
