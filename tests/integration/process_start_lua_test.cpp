// SPDX-License-Identifier: Apache-2.0
// orbita.process.start on both backends: a script starts a durable process about a
// record with initial variables, in its own transaction (a failed or dry run starts
// nothing), and mistakes are script errors that name the argument.
#include "jobs/job_runner.hpp"
#include "lua/run_result.hpp"
#include "support/lua_helpers.hpp"
#include "support/process_helpers.hpp"
#include "support/records_helpers.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using namespace orbita::test;

namespace {

const char* kWatch = R"(
return {
  start = function(p)
    p.vars.subject = p.record and p.record.subject or "none"
    return p.wait(3600, "done")
  end,
  done = function(p) return p.finish() end,
}
)";

json instances(TestServer& s) { return s.client().get("/api/v1/admin/processes/instances").json()["items"]; }

}  // namespace

TEST_CASE("orbita.process.start starts a process in the script's transaction") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer s(backend, manual_jobs_config());
            s.add_ticket_type();
            create_process(s, "watch", kWatch);
            auto http = s.client();
            const auto ticket = std::to_string(create_record(http, "ticket", {{"subject", "Printer"}})["id"].get<std::int64_t>());

            auto started = run_lua(s, "return orbita.process.start('watch', {type = 'ticket', id = " + ticket + "}, {who = 'lua'})");
            INFO(lua_error(started));
            REQUIRE(started.ok);
            REQUIRE(started.value.is_number_integer());
            REQUIRE(started.effects.size() == 1);
            CHECK(started.effects[0]["kind"] == "process.started");
            CHECK(started.effects[0]["record"] == json{{"type", "ticket"}, {"id", std::stoll(ticket)}});
            CHECK(run_due(s) == 1);
            auto instance = process_instance(s, started.value.get<std::int64_t>());
            CHECK(instance["status"] == "waiting");
            CHECK(instance["vars"] == json{{"who", "lua"}, {"subject", "Printer"}});
            CHECK(instance["run_as"]["login"] == "admin");

            // No record and no variables.
            auto bare = run_lua(s, "return orbita.process.start('watch')");
            REQUIRE(bare.ok);
            CHECK(run_due(s) == 1);
            CHECK(process_instance(s, bare.value.get<std::int64_t>())["vars"] == json{{"subject", "none"}});
            CHECK(instances(s).size() == 2);

            // A run that fails after starting, and a dry run, start nothing.
            CHECK(lua_error(run_lua(s, "orbita.process.start('watch')\nerror('boom')")).find("boom") != std::string::npos);
            auto dry = run_lua(s, "return orbita.process.start('watch')", "admin",
                               [](orbita::kernel::lua::RunContext& c) { c.dry_run = true; });
            REQUIRE(dry.ok);
            CHECK(dry.effects[0]["kind"] == "process.started");
            CHECK(run_due(s) == 0);
            CHECK(instances(s).size() == 2);

            // Mistakes name the argument.
            CHECK(lua_error(run_lua(s, "orbita.process.start('nothing')")).find("there is no process script 'nothing'") !=
                  std::string::npos);
            CHECK(lua_error(run_lua(s, "orbita.process.start('watch', {type = 'ticket'})"))
                      .find("orbita.process.start: argument #2 must be a record") != std::string::npos);
            CHECK(lua_error(run_lua(s, "orbita.process.start('watch', nil, 3)"))
                      .find("orbita.process.start: argument #3 must be a table") != std::string::npos);
            CHECK(lua_error(run_lua(s, "orbita.process.start()")).find("orbita.process.start: argument #1") != std::string::npos);
            CHECK(lua_error(run_lua(s, "orbita.process.start = nil")).find("read-only") != std::string::npos);
            CHECK(instances(s).size() == 2);
        }
    }
}
