// SPDX-License-Identifier: Apache-2.0
// The working calendar over HTTP: the shipped default, questions any user may ask,
// administrators' edits (audited, effective at once) and bad input.
#include "support/problem_assertions.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

using namespace orbita::test;

namespace {

std::string q(const std::string& v) { return HttpClient::encode(v); }

}  // namespace

TEST_CASE("the shipped Russian calendar answers working-time questions") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.create_user("operator", {});
            auto user = server.client_with_token(server.token_for("operator"));

            auto cal = user.get("/api/v1/calendar");
            REQUIRE(cal.status == 200);
            CHECK(cal.json()["time_zone"] == "Europe/Moscow");
            CHECK(cal.json()["days"]["2025-11-01"] == "working_short");
            CHECK(cal.json()["week"]["mon"] == nlohmann::json({"09:00-13:00", "14:00-18:00"}));
            CHECK(cal.json()["version"] == 1);

            auto working = user.get("/api/v1/calendar/working?at=" + q("2025-05-08T10:00:00+03:00"));
            REQUIRE(working.status == 200);
            CHECK(working.json()["working"] == false);
            CHECK(working.json()["working_day"] == false);
            CHECK(user.get("/api/v1/calendar/working?at=" + q("2025-11-01T10:00:00+03:00")).json()["working"] == true);

            // Friday 17:00 + 120 working minutes = Monday 10:00 (Moscow).
            auto later = user.get("/api/v1/calendar/add_working?from=" + q("2025-03-14T17:00:00+03:00") + "&minutes=120");
            REQUIRE(later.status == 200);
            CHECK(later.json()["result"] == "2025-03-17T07:00:00.000Z");
            auto days = user.get("/api/v1/calendar/working_days?from=" + q("2025-04-30T12:00:00+03:00") + "&to=" +
                                 q("2025-05-12T12:00:00+03:00"));
            CHECK(days.json()["working_days"] == 4);
        }
    }
}

TEST_CASE("administrators edit the calendar; the change applies at once and is audited") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            auto admin = server.client();
            const std::string at = "/api/v1/calendar/working?at=" + q("2025-03-12T10:00:00+03:00");
            CHECK(admin.get(at).json()["working"] == true);

            auto set = admin.request("PUT", "/api/v1/admin/calendar/days/2025-03-12", R"({"kind": "holiday"})");
            REQUIRE(set.status == 200);
            CHECK(set.json()["days"]["2025-03-12"] == "holiday");
            CHECK(set.json()["version"] == 2);
            CHECK(admin.get(at).json()["working"] == false);
            // And back to an ordinary Wednesday.
            REQUIRE(admin.request("PUT", "/api/v1/admin/calendar/days/2025-03-12", R"({"kind": "default"})").status == 200);
            CHECK(admin.get(at).json()["working"] == true);

            // Replacing the whole definition: a shop open on Saturdays, in another zone.
            auto whole = admin.request("PUT", "/api/v1/admin/calendar",
                                       R"({"time_zone": "Asia/Yekaterinburg", "week": {"sat": ["10:00-16:00"]}})");
            REQUIRE(whole.status == 200);
            CHECK(whole.json()["time_zone"] == "Asia/Yekaterinburg");
            CHECK(admin.get("/api/v1/calendar/working?at=" + q("2025-03-15T11:00:00+05:00")).json()["working"] == true);
            CHECK(admin.get(at).json()["working"] == false);  // weekdays are closed now

            auto audit = admin.get("/api/v1/audit?action=calendar.").json();
            CHECK(audit["items"].size() == 3);

            // A restart keeps the edit (the shipped default never overwrites it).
            server.restart();
            CHECK(server.client().get("/api/v1/calendar").json()["time_zone"] == "Asia/Yekaterinburg");
        }
    }
}

TEST_CASE("calendar bad input answers problem+json") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            auto admin = server.client();
            require_problem(admin.get("/api/v1/calendar/working"), 400);
            require_problem(admin.get("/api/v1/calendar/working?at=tomorrow"), 400);
            require_problem(admin.get("/api/v1/calendar/working?at=2025-03-12T10:00:00"), 400);  // no zone
            require_problem(admin.get("/api/v1/calendar/add_working?from=" + q("2025-03-12T10:00:00Z") + "&minutes=-5"), 400);
            require_problem(admin.get("/api/v1/calendar/add_working?from=" + q("2025-03-12T10:00:00Z") + "&minutes=1e9"), 400);
            require_problem(admin.get("/api/v1/calendar/add_working?from=" + q("2025-03-12T10:00:00Z")), 400);
            require_problem(admin.get("/api/v1/calendar/working_days?from=" + q("2025-03-12T10:00:00Z")), 400);

            auto bad = require_problem(
                admin.request("PUT", "/api/v1/admin/calendar", R"({"time_zone": "Nowhere/City", "week": {"mon": ["9-18"]}})"), 422);
            require_field_error(bad, "time_zone", "unknown_time_zone");
            require_field_error(bad, "week.mon", "invalid_interval");
            require_problem(admin.request("PUT", "/api/v1/admin/calendar", "[1, 2]"), 422);
            require_problem(admin.request("PUT", "/api/v1/admin/calendar", "{not json"), 400);
            require_problem(admin.request("PUT", "/api/v1/admin/calendar/days/2025-13-40", R"({"kind": "holiday"})"), 404);
            auto kind = require_problem(admin.request("PUT", "/api/v1/admin/calendar/days/2025-03-12", R"({"kind": "fiesta"})"), 422);
            require_field_error(kind, "kind", "invalid_value");
            require_problem(admin.request("PUT", "/api/v1/admin/calendar/days/2025-03-12", "{}"), 422);
            CHECK(admin.get("/api/v1/calendar").json()["version"] == 1);  // nothing was stored

            server.create_user("operator", {});
            auto user = server.client_with_token(server.token_for("operator"));
            require_problem(user.request("PUT", "/api/v1/admin/calendar/days/2025-03-12", R"({"kind": "holiday"})"), 403);
            require_problem(user.request("PUT", "/api/v1/admin/calendar", R"({})"), 403);
            CHECK(server.anonymous_client().get("/api/v1/calendar").status == 401);
        }
    }
}
