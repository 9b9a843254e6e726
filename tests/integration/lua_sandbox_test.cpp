// SPDX-License-Identifier: Apache-2.0
// The sandbox attacks of issue 5, each with the exact refusal, on both backends:
// missing libraries, bytecode, protected tables, budgets that pcall and coroutines
// cannot swallow, memory bombs, deep recursion, rollback of failed writes, and a
// script that tries to read records its run-as user may not see.
#include "support/lua_helpers.hpp"
#include "support/records_helpers.hpp"
#include "support/test_server.hpp"

#include "lua/lua_runtime.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using orbita::kernel::lua::ErrorKind;
using orbita::kernel::lua::RunContext;
using orbita::kernel::lua::RunResult;
using orbita::test::lua_error;
using orbita::test::run_lua;
using orbita::test::TestServer;

namespace {

// Small budgets keep the runaway scripts quick.
void small_budgets(RunContext& c) {
    c.budgets.instructions = 2'000'000;
    c.budgets.memory_bytes = 8u * 1024 * 1024;
    c.budgets.time = std::chrono::milliseconds(5000);
}

RunResult attack(TestServer& s, const std::string& code) { return run_lua(s, code, "admin", small_budgets); }

void refused(const RunResult& r, const std::string& message, int line = 1) {
    INFO(r.to_json().dump());
    CHECK_FALSE(r.ok);
    CHECK_FALSE(r.committed);
    REQUIRE(r.error);
    CHECK(r.error->message == message);
    CHECK(r.error->line == line);
    CHECK(r.error->chunk == orbita::test::kTestChunk);
    CHECK(r.error->script_id == orbita::test::kTestScriptId);
}

void aborted(const RunResult& r, const std::string& message) {
    INFO(r.to_json().dump());
    CHECK_FALSE(r.ok);
    REQUIRE(r.error);
    CHECK(r.error->kind == ErrorKind::Budget);
    CHECK(r.error->message == message);
    CHECK(r.error->line > 0);
}

}  // namespace

TEST_CASE("libraries outside the sandbox are not reachable") {
    for (const auto& backend : orbita::test::test_backends()) {
        TestServer s(backend);
        SECTION(backend) {
            refused(attack(s, "return io.open('/etc/passwd')"), "unknown global 'io'");
            refused(attack(s, "return os.execute('id')"), "os.execute is not available in scripts");
            refused(attack(s, "return os.getenv('HOME')"), "os.getenv is not available in scripts");
            refused(attack(s, "return require('os')"), "unknown global 'require'");
            refused(attack(s, "return dofile('/etc/passwd')"), "unknown global 'dofile'");
            refused(attack(s, "return loadfile('/etc/passwd')"), "unknown global 'loadfile'");
            refused(attack(s, "return debug.getinfo(1)"), "unknown global 'debug'");
            refused(attack(s, "return package.loaded"), "unknown global 'package'");
            refused(attack(s, "return collectgarbage('collect')"),
                    "collectgarbage(\"collect\") is not available in scripts (only \"count\")");
            auto count = attack(s, "return collectgarbage('count') > 0");
            CHECK(count.ok);
            CHECK(count.value == true);
            // os keeps only clock, date and time.
            auto os = attack(s, "local n = {} for k in pairs(os) do n[#n + 1] = k end table.sort(n) return n");
            CHECK(os.value == json::array({"clock", "date", "time"}));
        }
    }
}

TEST_CASE("bytecode cannot be loaded or produced") {
    for (const auto& backend : orbita::test::test_backends()) {
        TestServer s(backend);
        SECTION(backend) {
            refused(attack(s, "return string.dump(function() end)"), "string.dump is not available in scripts");
            auto via_metatable = attack(s, "return ('x').dump == nil");
            CHECK(via_metatable.value == true);
            refused(attack(s, "return load('\\27LuaT', 'x', 'b')"), "load: binary chunks are not allowed (mode must be \"t\")");
            auto binary = attack(s, "local f, err = load('\\27LuaT\\0\\25\\147') return err");
            REQUIRE(binary.ok);
            CHECK(binary.value.get<std::string>().find("attempt to load a binary chunk (mode is 't')") != std::string::npos);
            // Text chunks load, with the run's own protected globals.
            auto text = attack(s, "return load('return orbita ~= nil and x == nil')()");
            CHECK(text.ok == false);
            CHECK(lua_error(text) == "unknown global 'x'");
        }
    }
}

TEST_CASE("globals and API tables are read-only") {
    for (const auto& backend : orbita::test::test_backends()) {
        TestServer s(backend);
        SECTION(backend) {
            refused(attack(s, "return undefined_name"), "unknown global 'undefined_name'");
            refused(attack(s, "x = 1"), "cannot assign global 'x': globals are read-only in scripts (declare it with local)");
            refused(attack(s, "function helper() end"),
                    "cannot assign global 'helper': globals are read-only in scripts (declare it with local)");
            refused(attack(s, "setmetatable(_G, {})"), "setmetatable: this table is protected (read-only)");
            refused(attack(s, "setmetatable(orbita, {})"), "setmetatable: this table is protected (read-only)");
            refused(attack(s, "getmetatable(_G).__index = {}"), "attempt to index a string value");
            refused(attack(s, "rawset(_G, 'x', 1)"), "rawset: this table is protected (read-only)");
            refused(attack(s, "rawset(orbita, 'records', {})"), "rawset: this table is protected (read-only)");
            refused(attack(s, "rawset(orbita.records, 'get', print)"), "rawset: this table is protected (read-only)");
            refused(attack(s, "rawset(string, 'rep', print)"), "rawset: this table is protected (read-only)");
            refused(attack(s, "orbita.records = {}"), "cannot assign orbita.records: orbita is read-only");
            refused(attack(s, "orbita.records.get = print"), "cannot assign orbita.records.get: orbita.records is read-only");
            refused(attack(s, "orbita = {}"),
                    "cannot assign global 'orbita': globals are read-only in scripts (declare it with local)");
            refused(attack(s, "string.upper = nil"), "cannot assign string.upper: string is read-only");
            refused(attack(s, "const.BillTheme = 'x'"),
                    "constants are read-only in scripts (administrators change them in the constants API)");
            refused(attack(s, "setmetatable({}, {__gc = function() end})"),
                    "setmetatable: __gc metamethods are not allowed in scripts");
            CHECK(attack(s, "return getmetatable(_G)").value == "protected");
            CHECK(attack(s, "return getmetatable('')").value == "protected");
            // Ordinary tables of the script stay fully usable.
            auto own = attack(s, "local t = setmetatable({}, {__index = function(_, k) return k .. '!' end}) "
                                 "rawset(t, 'a', 1) return {t.a, t.b}");
            CHECK(own.value == json::array({1, "b!"}));
        }
    }
}

TEST_CASE("runaway loops are aborted and pcall cannot swallow the abort") {
    for (const auto& backend : orbita::test::test_backends()) {
        TestServer s(backend);
        SECTION(backend) {
            aborted(attack(s, "while true do end"), "instruction budget exhausted");
            aborted(attack(s, "for i = 1, 10 do pcall(function() while true do end end) end return 'escaped'"),
                    "instruction budget exhausted");
            aborted(attack(s, "while true do pcall(function() while true do end end) end"), "instruction budget exhausted");
            aborted(attack(s, "local ok = xpcall(function() while true do end end, function(e) return e end) "
                              "while true do end"),
                    "instruction budget exhausted");
            aborted(attack(s, "local ok, e = pcall(error, 'x') while true do local _ = pcall(function() end) end"),
                    "instruction budget exhausted");
            auto slow = run_lua(s, "while true do end", "admin", [](RunContext& c) {
                c.budgets.instructions = 1'000'000'000'000;
                c.budgets.time = std::chrono::milliseconds(50);
            });
            aborted(slow, "time limit exceeded");
            CHECK(slow.duration_us < 2'000'000);
        }
    }
}

TEST_CASE("coroutines run under the same budgets") {
    for (const auto& backend : orbita::test::test_backends()) {
        TestServer s(backend);
        SECTION(backend) {
            aborted(attack(s, "coroutine.wrap(function() while true do end end)()"), "instruction budget exhausted");
            aborted(attack(s, "local co = coroutine.create(function() while true do end end) "
                              "local ok, e = coroutine.resume(co) return 'escaped: ' .. tostring(e)"),
                    "instruction budget exhausted");
            aborted(attack(s, "local co = coroutine.create(function() while true do coroutine.yield() end end) "
                              "while true do coroutine.resume(co) end"),
                    "instruction budget exhausted");
            // Yielding across the sandbox's pcall still works.
            auto yields = attack(s, "local co = coroutine.wrap(function() pcall(function() coroutine.yield(1) end) return 2 end) "
                                    "return {co(), co()}");
            CHECK(yields.value == json::array({1, 2}));
        }
    }
}

TEST_CASE("memory bombs hit the heap cap") {
    for (const auto& backend : orbita::test::test_backends()) {
        TestServer s(backend);
        SECTION(backend) {
            const std::string cap = "memory limit exceeded (8 MiB of Lua heap per run)";
            aborted(attack(s, "local s = 'x' while true do s = s .. s end"), cap);
            aborted(attack(s, "local t = {} local i = 0 while true do i = i + 1 t[i] = {i} end"), cap);
            aborted(attack(s, "return string.rep('x', 1 << 30)"), cap);
            aborted(attack(s, "local ok = pcall(string.rep, 'x', 1 << 30) return 'escaped'"), cap);
            aborted(attack(s, "local ok = pcall(function() local s = 'x' while true do s = s .. s end end) "
                              "local t = {} return 'escaped'"),
                    cap);
            // The next run in the pool is unaffected.
            auto after = attack(s, "return #string.rep('x', 1000)");
            CHECK(after.value == 1000);
        }
    }
}

TEST_CASE("deep recursion is an error, not a crash") {
    for (const auto& backend : orbita::test::test_backends()) {
        TestServer s(backend);
        SECTION(backend) {
            const std::string depth = "call depth limit exceeded";
            aborted(attack(s, "local function f(n) return 1 + f(n + 1) end return f(1)"), depth);
            aborted(attack(s, "local function f() return pcall(f) end return f()"), depth);
            aborted(attack(s, "local t = setmetatable({}, {__index = function(t, k) return t[k] end}) return t.x"), depth);
            aborted(attack(s, "local function f(s) return string.gsub(s, '.', f) end return f('ab')"), depth);
            // Recursion within the limit is fine.
            CHECK(attack(s, "local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) end return f(150)").value == 150);
        }
    }
}

TEST_CASE("a script that writes and then fails leaves nothing behind") {
    for (const auto& backend : orbita::test::test_backends()) {
        TestServer s(backend);
        SECTION(backend) {
            auto failed = attack(s, "orbita.records.create('department', {name = 'Ghost'})\n"
                                    "orbita.records.create('department', {name = 'Ghost 2'})\n"
                                    "error('boom')");
            refused(failed, "boom", 3);
            CHECK(failed.effects.size() == 2);
            auto aborted_run = attack(s, "orbita.records.create('department', {name = 'Ghost 3'}) while true do end");
            aborted(aborted_run, "instruction budget exhausted");
            auto count = attack(s, "return #orbita.records.find('department', {name = {starts = 'Ghost'}})");
            CHECK(count.value == 0);
            auto http = s.client().get("/api/v1/records/department?filter[name][starts]=Ghost");
            CHECK(http.json()["items"].empty());
        }
    }
}

TEST_CASE("a script reads only what its run-as user may see") {
    for (const auto& backend : orbita::test::test_backends()) {
        TestServer s(backend);
        SECTION(backend) {
            s.add_ticket_type();
            auto http = s.client();
            const auto ticket = orbita::test::create_record(http, "ticket", {{"subject", "Secret"}});
            const auto id = std::to_string(ticket["id"].get<std::int64_t>());
            s.create_user("nobody", {});
            auto get = run_lua(s, "return orbita.records.get('ticket', " + id + ")", "nobody");
            INFO(get.to_json().dump());
            CHECK_FALSE(get.ok);
            CHECK(lua_error(get).find("ticket") != std::string::npos);
            auto find = run_lua(s, "return orbita.records.find('ticket')", "nobody");
            INFO(find.to_json().dump());
            CHECK_FALSE(find.ok);
            auto write = run_lua(s, "return orbita.records.update('ticket', " + id + ", {subject = 'Mine'})", "nobody");
            CHECK_FALSE(write.ok);
            // The same scripts as the administrator succeed.
            CHECK(run_lua(s, "return orbita.records.get('ticket', " + id + ").subject").value == "Secret");
        }
    }
}
