// SPDX-License-Identifier: Apache-2.0
// Stored scripts and global constants over HTTP on both backends: defaults installed
// on first start and never overwriting an administrator's edit (across restarts),
// versions with diffs, compile checks, dry runs with run history, typed constants.
#include "support/records_helpers.hpp"
#include "support/test_server.hpp"

#include "plugins/sdk_constants.hpp"
#include "scripts/constant_store.hpp"

#include <catch2/catch.hpp>

#include <map>

using nlohmann::json;
using orbita::test::TestServer;

namespace {

json script_named(orbita::test::HttpClient& http, const std::string& name) {
    const auto list = http.get("/api/v1/admin/scripts").json();
    for (const auto& s : list["items"]) {
        if (s["name"] == name) return s;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("defaults are installed on first start: the constants file and kernel modules") {
    for (const auto& backend : orbita::test::test_backends()) {
        TestServer s(backend);
        SECTION(backend) {
            auto http = s.client();
            auto constants = http.get("/api/v1/constants").json()["items"];
            std::map<std::string, json> by_name;
            for (const auto& c : constants) by_name[c["name"]] = c;
            // Seed 003 acceptance 21.
            for (const auto* n : {"ActFormingDate", "LargeReminderPeriod", "LessReminderPeriod", "NotificationStep"})
                CHECK(by_name[n]["type"] == "number");
            CHECK(by_name["BillText"]["type"] == "text");
            CHECK(by_name["BillTheme"]["type"] == "string");
            CHECK(by_name["Clerk"]["type"] == "user");
            CHECK(by_name["IT_Director"]["type"] == "user");
            CHECK(by_name["LargeReminderPeriod"]["value"] == 30);
            CHECK(by_name["LessReminderPeriod"]["value"] == 14);
            CHECK(by_name["NotificationStep"]["value"] == 6);
            CHECK(by_name["Clerk"]["value"].is_null());
            CHECK(by_name["NotificationStep"]["origin"] == "kernel");
            CHECK(by_name["NotificationStep"]["edited"] == false);
            auto constants_script = script_named(http, "constants");
            CHECK(constants_script["kind"] == "constants");
            CHECK(constants_script["origin"] == "kernel");
            CHECK(script_named(http, "kernel.dates")["kind"] == "module");

            // What plugins get from PluginContext::constants().
            orbita::kernel::plugins::SdkConstants sdk(s.kernel().constants());
            CHECK(sdk.number("LessReminderPeriod").value() == 14);
            CHECK(sdk.type_of("Clerk").value() == "user");
            CHECK(sdk.get("Clerk").value().is_null());
            CHECK(sdk.string("LessReminderPeriod").error().code == "wrong-type");
            CHECK(sdk.get("Nope").error().status == 404);
        }
    }
}

TEST_CASE("constants are typed: a value of the wrong type is a precise 422") {
    for (const auto& backend : orbita::test::test_backends()) {
        TestServer s(backend);
        SECTION(backend) {
            auto http = s.client();
            auto wrong = http.put("/api/v1/constants/BillTheme", json{{"value", 5}});
            CHECK(wrong.status == 422);
            CHECK(wrong.json()["errors"][0] == json{{"field", "value"}, {"code", "wrong_type"},
                                                   {"message", "BillTheme is a string constant: expected one line of text (a JSON "
                                                               "string without line breaks, at most 1000 characters)"}});
            auto lines = http.put("/api/v1/constants/BillTheme", json{{"value", "a\nb"}});
            CHECK(lines.status == 422);
            auto no_user = http.put("/api/v1/constants/Clerk", json{{"value", 999999}});
            CHECK(no_user.status == 422);
            CHECK(no_user.json()["errors"][0]["message"] == "Clerk: there is no user #999999");
            // Seed 003 acceptance 20: no spaces in identifiers.
            auto spaced = http.put("/api/v1/constants/Act%20Forming", json{{"type", "number"}, {"value", 3}});
            CHECK(spaced.status == 422);
            CHECK(spaced.json()["errors"][0]["field"] == "name");
            auto bad_type = http.put("/api/v1/constants/Fresh", json{{"type", "money"}, {"value", 3}});
            CHECK(bad_type.status == 422);
            CHECK(bad_type.json()["errors"][0]["field"] == "type");
            auto bad_duration = http.put("/api/v1/constants/Pause", json{{"type", "duration"}, {"value", "P1M"}});
            CHECK(bad_duration.status == 422);

            const auto clerk = s.create_user("clerk", {});
            auto ok = http.put("/api/v1/constants/Clerk", json{{"value", clerk}});
            REQUIRE(ok.status == 200);
            CHECK(ok.json()["version"] == 2);
            CHECK(ok.json()["edited"] == true);
            auto versions = http.get("/api/v1/constants/Clerk/versions").json()["items"];
            REQUIRE(versions.size() == 2);
            CHECK(versions[0]["value"] == clerk);
            CHECK(versions[0]["author"] == "admin");
            CHECK(versions[1]["author"] == "system:defaults");

            // Everyone reads constants; only administrators change them.
            auto user = s.client_with_token(s.token_for("clerk"));
            CHECK(user.get("/api/v1/constants/Clerk").json()["value"] == clerk);
            CHECK(user.put("/api/v1/constants/Clerk", json{{"value", clerk}}).status == 403);
            CHECK(user.get("/api/v1/constants/Clerk/versions").status == 403);
            CHECK(http.get("/api/v1/constants/Nope").status == 404);
        }
    }
}

TEST_CASE("scripts are compile-checked, versioned with diffs, dry-run and recorded") {
    for (const auto& backend : orbita::test::test_backends()) {
        TestServer s(backend);
        SECTION(backend) {
            s.add_ticket_type();
            auto http = s.client();
            auto broken = http.post("/api/v1/admin/scripts", json{{"name", "robots/broken"}, {"kind", "robot"},
                                                                   {"source", "local x = 1\nif x then\n"}});
            CHECK(broken.status == 422);
            CHECK(broken.json()["line"] == 3);
            auto check = http.post("/api/v1/admin/scripts/check", json{{"source", "return (1"}}).json();
            CHECK(check["ok"] == false);
            CHECK(check["error"]["line"] == 1);

            auto created = http.post("/api/v1/admin/scripts",
                                     json{{"name", "robots/escalate"}, {"kind", "robot"},
                                          {"source", "orbita.records.update('ticket', record.id, {priority = 'high'})\n"}});
            REQUIRE(created.status == 201);
            const auto id = std::to_string(created.json()["id"].get<std::int64_t>());
            auto changed = http.patch("/api/v1/admin/scripts/" + id,
                                      json{{"source", "orbita.log('info', 'escalating ' .. record.subject)\n"
                                                      "orbita.records.update('ticket', record.id, {priority = 'high'})\n"}});
            REQUIRE(changed.status == 200);
            CHECK(changed.json()["version"] == 2);
            auto versions = http.get("/api/v1/admin/scripts/" + id + "/versions").json()["items"];
            REQUIRE(versions.size() == 2);
            CHECK(versions[0]["author"] == "admin");
            CHECK(versions[0]["diff"] == "@@ -1,1 +1,2 @@\n+orbita.log('info', 'escalating ' .. record.subject)\n"
                                          " orbita.records.update('ticket', record.id, {priority = 'high'})\n");

            auto ticket = orbita::test::create_record(http, "ticket", {{"subject", "Printer"}, {"priority", "low"}});
            auto dry = http.post("/api/v1/admin/scripts/" + id + "/dry-run",
                                 json{{"record", {{"type", "ticket"}, {"id", ticket["id"]}}}});
            REQUIRE(dry.status == 200);
            auto result = dry.json();
            CHECK(result["ok"] == true);
            CHECK(result["committed"] == false);
            CHECK(result["logs"][0]["message"] == "escalating Printer");
            CHECK(result["effects"][0]["changes"][0] == json{{"field", "priority"}, {"old", "low"}, {"new", "high"}});
            CHECK(http.get("/api/v1/records/ticket/" + std::to_string(ticket["id"].get<std::int64_t>())).json()["priority"] == "low");

            auto failing = http.post("/api/v1/admin/scripts/" + id + "/dry-run",
                                     json{{"record", {{"type", "ticket"}, {"id", 999999}}}}).json();
            CHECK(failing["ok"] == false);
            auto runs = http.get("/api/v1/admin/scripts/" + id + "/runs").json()["items"];
            REQUIRE(runs.size() == 2);
            CHECK(runs[0]["result"] == "error");
            CHECK(runs[1]["result"] == "ok");
            CHECK(runs[1]["dry_run"] == true);
            CHECK(runs[1]["actor"] == "admin");
            CHECK(runs[1]["record"]["type"] == "ticket");
            CHECK(runs[1]["duration_us"].get<std::int64_t>() > 0);

            CHECK(http.patch("/api/v1/admin/scripts/" + id, json{{"enabled", false}}).json()["enabled"] == false);
            s.create_user("plain", {});
            auto as_user = s.client_with_token(s.token_for("plain"));
            CHECK(as_user.get("/api/v1/admin/scripts").status == 403);
            CHECK(as_user.post("/api/v1/admin/scripts/dry-run", json{{"source", "return 1"}}).status == 403);
            auto adhoc = http.post("/api/v1/admin/scripts/dry-run", json{{"source", "return 41 + 1"}, {"as", "plain"}}).json();
            CHECK(adhoc["value"] == 42);
        }
    }
}

TEST_CASE("an administrator's edits survive restarts and new defaults") {
    for (const auto& backend : orbita::test::test_backends()) {
        TestServer s(backend);
        SECTION(backend) {
            auto http = s.client();
            REQUIRE(http.put("/api/v1/constants/LessReminderPeriod", json{{"value", 10}}).status == 200);
            const auto script = script_named(http, "kernel.dates");
            const auto id = std::to_string(script["id"].get<std::int64_t>());
            REQUIRE(http.patch("/api/v1/admin/scripts/" + id, json{{"source", "return {edited = true}\n"}}).status == 200);
            s.restart();
            http = s.client();
            CHECK(http.get("/api/v1/constants/LessReminderPeriod").json()["value"] == 10);
            CHECK(http.get("/api/v1/constants/LargeReminderPeriod").json()["version"] == 1);
            auto kept = http.get("/api/v1/admin/scripts/" + id).json();
            CHECK(kept["source"] == "return {edited = true}\n");
            CHECK(kept["edited"] == true);
            CHECK(kept["version"] == 2);
        }
    }
}
