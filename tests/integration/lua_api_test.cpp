// SPDX-License-Identifier: Apache-2.0
// The `orbita` API seen from scripts on both backends: records as the run-as user with
// effects, constants, formatting, JSON, modules, logs, error positions, dry runs and
// the extension points that other parts of the kernel fill in later.
#include "support/lua_helpers.hpp"
#include "support/plugin_dir.hpp"
#include "support/records_helpers.hpp"
#include "support/test_server.hpp"

#include "lua/lua_runtime.hpp"
#include "lua/run_state.hpp"
#include "scripts/script_service.hpp"
#include "storage/database.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using orbita::kernel::lua::ErrorKind;
using orbita::kernel::lua::RunContext;
using orbita::test::lua_error;
using orbita::test::run_lua;
using orbita::test::TestServer;

TEST_CASE("errors carry the script id, chunk, line and message") {
    for (const auto& backend : orbita::test::test_backends()) {
        TestServer s(backend);
        SECTION(backend) {
            auto runtime = run_lua(s, "local a = 1\nlocal b = nil\nreturn b.field");
            REQUIRE(runtime.error);
            CHECK(runtime.error->to_json() == json{{"kind", "runtime"}, {"script_id", "test:1"}, {"chunk", "tests/script.lua"},
                                                  {"line", 3}, {"message", "attempt to index a nil value (local 'b')"}});
            auto compile = run_lua(s, "local x = \n\nif then end");
            REQUIRE(compile.error);
            CHECK(compile.error->kind == ErrorKind::Compile);
            CHECK(compile.error->line == 3);
            CHECK(compile.error->message == "unexpected symbol near 'if'");
            auto table_error = run_lua(s, "\nerror({code = 1})");
            REQUIRE(table_error.error);
            CHECK(table_error.error->line == 2);
            CHECK(table_error.error->message == "(error object is a table value)");
            auto api_error = run_lua(s, "\n\norbita.records.get('no_such_type', 1)");
            REQUIRE(api_error.error);
            CHECK(api_error.error->line == 3);
            CHECK(api_error.error->message.find("no_such_type") != std::string::npos);
        }
    }
}

TEST_CASE("records are read and written as the run-as user, with effects") {
    for (const auto& backend : orbita::test::test_backends()) {
        TestServer s(backend);
        SECTION(backend) {
            s.add_ticket_type();
            auto r = run_lua(s, R"(
                local t = orbita.records.create('ticket', {subject = 'Printer', status = 'new'})
                local u = orbita.records.update('ticket', t.id, {subject = 'Printer is on fire', status = 'new'})
                local found, cursor = orbita.records.find('ticket', {subject = {contains = 'fire'}}, {limit = 5})
                local got = orbita.records.get('ticket', t.id)
                orbita.records.archive('ticket', t.id)
                return {id = t.id, subject = u.subject, found = #found, cursor = cursor == nil, got = got.subject}
            )");
            INFO(r.to_json().dump());
            REQUIRE(r.ok);
            CHECK(r.committed);
            const auto id = r.value["id"].get<std::int64_t>();
            CHECK(r.value == json{{"id", id}, {"subject", "Printer is on fire"}, {"found", 1}, {"cursor", true}, {"got", "Printer is on fire"}});
            REQUIRE(r.effects.size() == 3);
            CHECK(r.effects[0]["kind"] == "record.created");
            CHECK(r.effects[1] == json{{"kind", "record.updated"}, {"type", "ticket"}, {"id", id},
                                      {"changes", {{{"field", "subject"}, {"old", "Printer"}, {"new", "Printer is on fire"}}}}});
            CHECK(r.effects[2] == json{{"kind", "record.archived"}, {"type", "ticket"}, {"id", id}});
            // Committed: visible over HTTP, archived, with the history written as the user.
            auto stored = s.client().get("/api/v1/records/ticket/" + std::to_string(id)).json();
            CHECK(stored["subject"] == "Printer is on fire");
            CHECK_FALSE(stored["archived_at"].is_null());
            auto move = run_lua(s, "orbita.records.move('ticket', " + std::to_string(id) + ", 'done')");
            // Tickets have no stage field (pipelines_test.cpp moves records that have one).
            CHECK(lua_error(move).find("ticket has no stage field (roles.stage)") != std::string::npos);
            auto bad = run_lua(s, "orbita.records.create('ticket', {priority = 'whatever'})");
            CHECK_FALSE(bad.ok);
            CHECK(lua_error(bad).find("subject") != std::string::npos);
        }
    }
}

TEST_CASE("a dry run reports its effects and keeps nothing") {
    for (const auto& backend : orbita::test::test_backends()) {
        TestServer s(backend);
        SECTION(backend) {
            s.add_ticket_type();
            auto http = s.client();
            const auto ticket = orbita::test::create_record(http, "ticket", {{"subject", "Old"}});
            const auto id = ticket["id"].get<std::int64_t>();
            auto r = run_lua(s, "orbita.records.update(record._type or 'ticket', record.id, {subject = args.subject})\n"
                                "orbita.records.create('department', {name = 'Dry'})\nreturn record.subject",
                             "admin", [&](RunContext& c) {
                                 c.dry_run = true;
                                 c.record = orbita::kernel::lua::RecordRef{"ticket", id};
                                 c.args = {{"subject", "New"}};
                             });
            INFO(r.to_json().dump());
            REQUIRE(r.ok);
            CHECK_FALSE(r.committed);
            CHECK(r.value == "Old");
            REQUIRE(r.effects.size() == 2);
            CHECK(r.effects[0]["changes"][0] == json{{"field", "subject"}, {"old", "Old"}, {"new", "New"}});
            CHECK(r.effects[1]["kind"] == "record.created");
            CHECK(http.get("/api/v1/records/ticket/" + std::to_string(id)).json()["subject"] == "Old");
            CHECK(http.get("/api/v1/records/department?filter[name]=Dry").json()["items"].empty());
        }
    }
}

TEST_CASE("before_commit runs inside the run's transaction; a run cannot nest in another transaction") {
    for (const auto& backend : orbita::test::test_backends()) {
        TestServer s(backend);
        SECTION(backend) {
            bool called = false;
            auto r = run_lua(s, "return 1", "admin", [&](RunContext& c) {
                c.before_commit = [&](orbita::kernel::storage::Transaction&, const orbita::kernel::lua::RunResult& result) {
                    called = result.ok && s.kernel().database().in_write();
                };
            });
            CHECK(r.committed);
            CHECK(called);
            auto failing = run_lua(s, "orbita.records.create('department', {name = 'Hook'})", "admin", [](RunContext& c) {
                c.before_commit = [](auto&, const auto&) { throw std::runtime_error("bookkeeping failed"); };
            });
            CHECK_FALSE(failing.ok);
            CHECK(lua_error(failing) == "bookkeeping failed");
            CHECK(s.client().get("/api/v1/records/department?filter[name]=Hook").json()["items"].empty());
            s.kernel().database().write([&](orbita::kernel::storage::Transaction&) {
                CHECK_THROWS_AS(run_lua(s, "return 1"), std::logic_error);
            });
        }
    }
}

TEST_CASE("constants, time, formatting, JSON and logs") {
    for (const auto& backend : orbita::test::test_backends()) {
        auto clock = std::make_shared<orbita::kernel::ManualClock>(*orbita::kernel::parse_iso_datetime("2025-03-01T09:00:00Z"));
        TestServer s(backend, json::object(), clock);
        SECTION(backend) {
            auto http = s.client();
            REQUIRE(http.put("/api/v1/constants/BillTheme", json{{"value", "Счёт на оплату"}}).status == 200);
            REQUIRE(http.put("/api/v1/constants/Pause", json{{"type", "duration"}, {"value", "P3D"}}).status == 200);
            auto r = run_lua(s, R"(
                print('start', 1)
                orbita.log('warn', 'careful')
                return {
                  theme = const.BillTheme, same = orbita.const.BillTheme == const.BillTheme,
                  less = const.LessReminderPeriod, pause = const.Pause, clerk = const.Clerk == nil,
                  now = orbita.now(),
                  money = orbita.fmt.money(1234.5), usd = orbita.fmt.money(10, 'USD'),
                  days = orbita.fmt.plural(22, 'день', 'дня', 'дней'),
                  date = orbita.fmt.date('2025-05-01', 'long'), at = orbita.fmt.date(orbita.now()),
                  json = orbita.json.encode({a = {1, 2}}),
                  back = orbita.json.decode('{"x": [1, null, 3]}').x[3],
                  null = orbita.json.decode('[null]')[1] == orbita.json.null,
                }
            )");
            INFO(r.to_json().dump());
            REQUIRE(r.ok);
            const std::string nb = "\u00A0";
            CHECK(r.value == json{{"theme", "Счёт на оплату"}, {"same", true}, {"less", 14}, {"pause", 3 * 86400}, {"clerk", true},
                                  {"now", "2025-03-01T09:00:00.000Z"}, {"money", "1" + nb + "234,50" + nb + "₽"},
                                  {"usd", "10,00" + nb + "$"}, {"days", "дня"}, {"date", "1 мая 2025"}, {"at", "01.03.2025 12:00"},
                                  {"json", "{\"a\":[1,2]}"}, {"back", 3}, {"null", true}});
            REQUIRE(r.logs.size() == 2);
            CHECK(r.logs[0].level == "info");
            CHECK(r.logs[0].message == "start\t1");
            CHECK(r.logs[0].line == 2);
            CHECK(r.logs[1].level == "warn");
            CHECK(r.logs[1].line == 3);
            CHECK(lua_error(run_lua(s, "return const.NoSuchThing")) == "unknown constant 'NoSuchThing'");
            CHECK(lua_error(run_lua(s, "return orbita.json.decode('{')")).rfind("invalid JSON", 0) == 0);
            CHECK(lua_error(run_lua(s, "return orbita.json.encode({print})")) == "a function value has no JSON form");
            CHECK(lua_error(run_lua(s, "local t = {} t.self = t return orbita.json.encode(t)")) ==
                  "table nesting is too deep (a table containing itself?)");
            CHECK(lua_error(run_lua(s, "orbita.log('loud', 'x')")) == "log level must be debug, info, warn or error");
        }
    }
}

TEST_CASE("modules are reached through orbita.modules and share the run's constants") {
    for (const auto& backend : orbita::test::test_backends()) {
        TestServer s(backend);
        SECTION(backend) {
            // Seed 003 acceptance 38: a 4-month contract renews 14 days before its end,
            // a 12-month one 30 days before.
            auto r = run_lua(s, R"(
                local dates = orbita.modules.kernel.dates
                return {
                  short = dates.renewal_lead_days('2025-01-01', '2025-05-01'),
                  long = dates.renewal_lead_days('2025-01-01', '2026-01-01'),
                  same = orbita.modules['kernel.dates'] == dates,
                  due = dates.add_days('2025-05-01', -14),
                  months = dates.months_between('2025-01-31', '2025-02-28'),
                }
            )");
            INFO(r.to_json().dump());
            REQUIRE(r.ok);
            CHECK(r.value == json{{"short", 14}, {"long", 30}, {"same", true}, {"due", "2025-04-17"}, {"months", 1}});
            CHECK(lua_error(run_lua(s, "return orbita.modules.nothing")) == "no Lua module named 'nothing'");
            // What a module returns belongs to the run: changing it does not reach the next run.
            CHECK(run_lua(s, "orbita.modules.kernel.dates.add_days = nil return 1").ok);
            CHECK(run_lua(s, "return orbita.modules.kernel.dates.add_days('2025-01-01', 1)").value == "2025-01-02");
        }
    }
}

TEST_CASE("calendar, notify and outbox are extension points: absent until provided") {
    for (const auto& backend : orbita::test::test_backends()) {
        TestServer s(backend);
        SECTION(backend) {
            // A runtime of its own: the kernel's has every point provided.
            auto& k = s.kernel();
            orbita::kernel::lua::LuaRuntime bare(k.database(), {k.records(), k.clock(), "Europe/Moscow", {}, {}, {}},
                                                 k.lua().default_budgets());
            auto run = [&](const std::string& code) {
                RunContext context{k.scripts().actor_for("admin"), bare.default_budgets(), std::nullopt, nullptr, false, {}};
                return bare.run({orbita::test::kTestScriptId, orbita::test::kTestChunk, code}, context);
            };
            CHECK(lua_error(run("return orbita.calendar.add_working(orbita.now(), 3600)")) ==
                  "orbita.calendar.add_working is not available yet: the working calendar is not part of this build");
            CHECK(lua_error(run("return orbita.calendar.is_working(orbita.now())")) ==
                  "orbita.calendar.is_working is not available yet: the working calendar is not part of this build");
            CHECK(lua_error(run("orbita.notify(1, 'hi')")) ==
                  "orbita.notify is not available yet: notifications are not part of this build");
            CHECK(lua_error(run("orbita.outbox.webhook('https://example.org', {})")) ==
                  "orbita.outbox.webhook is not available yet: the outbox is not part of this build");
            bare.extensions().provide("notify", [](orbita::kernel::lua::RunState& r, const json& args) {
                r.add_effect({{"kind", "notification"}, {"user", args[0]}, {"text", args[1]}});
                return std::vector<json>{true};
            });
            auto r = run("return orbita.notify(1, 'hi')");
            CHECK(r.value == true);
            CHECK(r.effects == json::array({{{"kind", "notification"}, {"user", 1}, {"text", "hi"}}}));
            CHECK_THROWS_AS(bare.extensions().provide("calendar.nope", {}), std::invalid_argument);
            CHECK_THROWS_AS(bare.extensions().provide("notify", {}), std::invalid_argument);
        }
    }
}

TEST_CASE("plugin Lua modules are installed as scripts and reached through orbita.modules") {
    for (const auto& backend : orbita::test::test_backends()) {
        orbita::test::PluginDir plugins({"good_a"});
        TestServer s(backend, plugins.config());
        SECTION(backend) {
            // good_a registers the module "good_a.helpers" ("return {}") and the constants
            // module "good_a.constants" declaring GoodAGreeting = "hello".
            auto r = run_lua(s, "return {type(orbita.modules.good_a.helpers), const.GoodAGreeting}");
            INFO(r.to_json().dump());
            CHECK(r.value == json::array({"table", "hello"}));
            auto greeting = s.client().get("/api/v1/constants/GoodAGreeting").json();
            CHECK(greeting["origin"] == "good_a");
            CHECK(greeting["type"] == "string");
            auto scripts = s.client().get("/api/v1/admin/scripts").json();
            bool found = false;
            for (const auto& script : scripts["items"]) {
                if (script["name"] == "good_a.helpers") found = script["origin"] == "good_a" && script["kind"] == "module";
                if (script["name"] == "good_a.constants") CHECK(script["kind"] == "constants");
            }
            CHECK(found);
        }
    }
}
