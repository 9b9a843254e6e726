// SPDX-License-Identifier: Apache-2.0
// In-app notifications on both backends: the Notifier, the notify action, orbita.notify
// and the API of one's own notifications (nobody reads anyone else's).
#include "events/event_bus.hpp"
#include "notifications/notifier.hpp"
#include "notifications/notify_action.hpp"
#include "processes/processes_module.hpp"
#include "storage/database.hpp"
#include "support/lua_helpers.hpp"
#include "support/problem_assertions.hpp"
#include "support/process_helpers.hpp"
#include "support/records_helpers.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using namespace orbita::test;
using orbita::kernel::lua::RunContext;
using orbita::kernel::notifications::NotificationMessage;
using orbita::kernel::notifications::RecordLink;

namespace {

std::int64_t notify(TestServer& s, std::int64_t user, const std::string& text, std::optional<RecordLink> link = {}) {
    return s.kernel().database().write([&](orbita::kernel::storage::Transaction& tx) {
        return s.kernel().processes().notifier().notify(tx, user, NotificationMessage{"Title", text, link, "test"}).id;
    });
}

std::vector<std::string> bodies(const json& page) {
    std::vector<std::string> out;
    for (const auto& n : page["items"]) out.push_back(n["body"]);
    return out;
}

}  // namespace

TEST_CASE("users read and mark their own notifications only") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer s(backend);
            const auto anna = s.create_user("anna", {});
            const auto boris = s.create_user("boris", {});
            std::vector<json> created;
            const auto sub = s.kernel().events().subscribe(
                "notification.created", [&](const orbita::kernel::events::Event& e) { created.push_back(e.payload); });
            const auto first = notify(s, anna, "first", RecordLink{"user", boris});
            notify(s, anna, "second");
            const auto third = notify(s, anna, "third");
            const auto theirs = notify(s, boris, "for boris");
            s.kernel().events().unsubscribe(sub);
            REQUIRE(created.size() == 4);
            CHECK(created[0]["recipient_id"] == anna);
            CHECK(created[0]["link"] == json{{"type", "user"}, {"id", boris}});

            auto a = s.client_with_token(s.token_for("anna"));
            auto b = s.client_with_token(s.token_for("boris"));
            auto page = a.get("/api/v1/notifications").json();
            CHECK(bodies(page) == std::vector<std::string>{"third", "second", "first"});
            CHECK(page["unread_count"] == 3);
            CHECK(page["items"][2]["link"] == json{{"type", "user"}, {"id", boris}});
            CHECK(page["items"][2]["source"] == "test");
            CHECK(page["items"][0]["read"] == false);

            auto read = a.post("/api/v1/notifications/" + std::to_string(third) + "/read", json::object());
            REQUIRE(read.status == 200);
            CHECK(read.json()["read"] == true);
            CHECK_FALSE(read.json()["read_at"].is_null());
            CHECK(a.post("/api/v1/notifications/" + std::to_string(third) + "/read", json::object()).json()["read_at"] ==
                  read.json()["read_at"]);
            auto unread = a.get("/api/v1/notifications?unread=true&limit=1").json();
            CHECK(bodies(unread) == std::vector<std::string>{"second"});
            CHECK(unread["unread_count"] == 2);
            CHECK(bodies(a.get("/api/v1/notifications?unread=true&cursor=" + unread["next_cursor"].get<std::string>()).json()) ==
                  std::vector<std::string>{"first"});

            // Another user's notification does not exist for you.
            require_problem(b.post("/api/v1/notifications/" + std::to_string(first) + "/read", json::object()), 404);
            require_problem(a.post("/api/v1/notifications/" + std::to_string(theirs) + "/read", json::object()), 404);
            CHECK(bodies(b.get("/api/v1/notifications").json()) == std::vector<std::string>{"for boris"});
            CHECK(a.get("/api/v1/notifications").json()["unread_count"] == 2);

            auto all = a.post("/api/v1/notifications/read-all", json::object());
            REQUIRE(all.status == 200);
            CHECK(all.json() == json{{"marked", 2}, {"unread_count", 0}});
            CHECK(a.get("/api/v1/notifications?unread=true").json()["items"].empty());
            CHECK(b.get("/api/v1/notifications").json()["unread_count"] == 1);

            require_problem(a.get("/api/v1/notifications?unread=maybe"), 400);
            require_problem(a.get("/api/v1/notifications?limit=0"), 400);
            require_problem(a.post("/api/v1/notifications/abc/read", json::object()), 404);
            require_problem(s.anonymous_client().get("/api/v1/notifications"), 401);
        }
    }
}

TEST_CASE("the notifier refuses unknown users and bad texts") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer s(backend);
            const auto anna = s.create_user("anna", {});
            auto refused = [&](std::int64_t user, NotificationMessage m, const std::string& field) {
                require_problem_thrown([&] {
                    s.kernel().database().write([&](orbita::kernel::storage::Transaction& tx) {
                        s.kernel().processes().notifier().notify(tx, user, m);
                    });
                }, 422, field);
            };
            refused(987654, {"", "hello", {}, "test"}, "user");
            refused(anna, {"", "", {}, "test"}, "text");
            refused(anna, {std::string(201, 'x'), "hi", {}, "test"}, "title");
            refused(anna, {"", std::string(4001, 'x'), {}, "test"}, "text");
            refused(anna, {"", "hi", RecordLink{"", 1}, "test"}, "link");
            CHECK(notifications_of(s, anna).empty());
        }
    }
}

TEST_CASE("orbita.notify writes in the run's transaction and reports the effect") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer s(backend);
            s.add_ticket_type();
            const auto anna = s.create_user("anna", {});
            const auto boris = s.create_user("boris", {});
            auto http = s.client();
            const auto ticket = create_record(http, "ticket", {{"subject", "Printer"}})["id"].get<std::int64_t>();

            auto r = run_lua(s, "return orbita.notify('anna', 'Call the client', {title = 'Ticket'})", "admin",
                             [&](RunContext& c) { c.record = orbita::kernel::lua::RecordRef{"ticket", ticket}; });
            INFO(r.to_json().dump());
            REQUIRE(r.ok);
            CHECK(r.value.is_number_integer());
            CHECK(r.effects == json::array({{{"kind", "notification"},
                                             {"recipients", {{{"id", anna}, {"login", "anna"}}}},
                                             {"title", "Ticket"},
                                             {"text", "Call the client"},
                                             {"link", {{"type", "ticket"}, {"id", ticket}}}}}));
            auto notes = notifications_of(s, anna);
            REQUIRE(notes.size() == 1);
            CHECK(notes[0]["source"] == "test:1");
            CHECK(notes[0]["link"] == json{{"type", "ticket"}, {"id", ticket}});

            // Several users by id and login; no link when asked.
            auto many = run_lua(s, "return orbita.notify({" + std::to_string(anna) + ", 'boris'}, 'Meeting', {record = false})");
            REQUIRE(many.ok);
            CHECK(many.value.size() == 2);
            CHECK(many.effects[0]["link"].is_null());
            CHECK(notifications_of(s, boris).size() == 1);

            auto ghost = run_lua(s, "\norbita.notify('ghost', 'hi')");
            CHECK(lua_error(ghost) == "orbita.notify: user 'ghost' does not exist or is inactive");
            CHECK(ghost.error->line == 2);
            CHECK(lua_error(run_lua(s, "orbita.notify('anna', '')")) == "orbita.notify: argument #2 must be the notification text");
            CHECK(lua_error(run_lua(s, "orbita.notify(true, 'x')")) ==
                  "orbita.notify: argument #1 must be a user id, a login or a list of them");
            CHECK(lua_error(run_lua(s, "orbita.notify('anna', 'x', {colour = 'red'})")) ==
                  "orbita.notify: unknown option 'colour' (options: title, record)");

            // A dry run reports and keeps nothing; a failed run keeps nothing.
            auto dry = run_lua(s, "orbita.notify('anna', 'dry')", "admin", [](RunContext& c) { c.dry_run = true; });
            REQUIRE(dry.ok);
            CHECK(dry.effects[0]["text"] == "dry");
            CHECK_FALSE(run_lua(s, "orbita.notify('anna', 'lost')\nerror('after')").ok);
            CHECK(notifications_of(s, anna).size() == 2);
        }
    }
}

TEST_CASE("the notify action validates in a dry run and writes in the caller's transaction") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer s(backend);
            const auto anna = s.create_user("anna", {});
            auto& action = s.kernel().processes().notify_action();
            const auto robot = orbita::kernel::Actor::system_actor("robots");
            const orbita::kernel::lua::RecordRef deal{"user", anna};
            auto run = [&](const json& params, bool dry_run) {
                return s.kernel().database().write(
                    [&](orbita::kernel::storage::Transaction& tx) { return action.run(params, robot, deal, tx, dry_run); });
            };
            const json params = {{"users", {"anna", "admin"}}, {"text", "Payment overdue"}, {"title", "Deal"}, {"source", "robot:7"}};
            const auto effect = run(params, true);
            CHECK(effect == json{{"kind", "notification"},
                                 {"recipients", {{{"id", anna}, {"login", "anna"}}, {{"id", s.admin_id()}, {"login", "admin"}}}},
                                 {"title", "Deal"},
                                 {"text", "Payment overdue"},
                                 {"link", {{"type", "user"}, {"id", anna}}}});
            CHECK(notifications_of(s, anna).empty());
            CHECK(run(params, false) == effect);
            REQUIRE(notifications_of(s, anna).size() == 1);
            CHECK(notifications_of(s, anna)[0]["source"] == "robot:7");
            CHECK(notifications_of(s, s.admin_id()).size() == 1);

            auto refused = [&](const json& bad, const std::string& field) {
                require_problem_thrown([&] { run(bad, true); }, 422, field);
            };
            refused({{"text", "x"}}, "user");
            refused({{"user", "anna"}, {"users", {"anna"}}, {"text", "x"}}, "user");
            refused({{"user", "anna"}}, "text");
            refused({{"user", "anna"}, {"text", "x"}, {"color", "red"}}, "color");
            refused({{"users", json::array()}, {"text", "x"}}, "users");
            refused({{"users", {"anna", "ghost"}}, {"text", "x"}}, "users[1]");
            refused({{"user", "anna"}, {"text", "x"}, {"link", {{"type", "deal"}}}}, "link");
        }
    }
}
