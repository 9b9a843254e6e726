// SPDX-License-Identifier: Apache-2.0
// The WebSocket /api/v1/ws on both backends, over real loopback with a raw Poco client:
// who may connect, what each user is pushed (read scope and hidden fields re-checked
// per event), notifications, plugin channels, bad messages and the limits.
#include "notifications/notifier.hpp"
#include "plugins/plugin_event_publisher.hpp"
#include "processes/processes_module.hpp"
#include "records/record_repository.hpp"
#include "storage/database.hpp"
#include "support/auth_helpers.hpp"
#include "support/automation_helpers.hpp"
#include "support/records_helpers.hpp"
#include "support/test_server.hpp"
#include "support/ws_client.hpp"

#include <catch2/catch.hpp>

#include <thread>

using nlohmann::json;
using namespace orbita::test;
using namespace std::chrono_literals;

namespace {

const std::vector<std::pair<std::string, std::string>> kAnyVersion = {{"If-Match", "*"}};
const json kFast = {{"realtime", {{"session_check_ms", 100}, {"ping_interval_ms", 1000}}}};

bool is_event(const json& m, const std::string& name) { return m.value("op", "") == "event" && m.value("event", "") == name; }

std::int64_t notify(TestServer& s, std::int64_t user, const std::string& text) {
    using orbita::kernel::notifications::NotificationMessage;
    return s.kernel().database().write([&](orbita::kernel::storage::Transaction& tx) {
        return s.kernel().processes().notifier().notify(tx, user, NotificationMessage{"Title", text, {}, "test"}).id;
    });
}

// clerk: every ticket, amount hidden; owner: own tickets (assignee) only.
struct People {
    std::int64_t clerk = 0;
    std::int64_t owner = 0;
};

People people(TestServer& s, HttpClient& admin) {
    s.add_ticket_type();
    create_role(admin, "clerk", grants("ticket", "all"),
                json::array({{{"entity_type", "ticket"}, {"field", "amount"}, {"access", "hidden"}}}));
    create_role(admin, "owner", grants("ticket", "own"));
    return {s.create_user("clerk1", {"clerk"}), s.create_user("owner1", {"owner"})};
}

// A server with the clerk and the owner listening over the WebSocket by API token.
struct Listeners {
    TestServer s;
    HttpClient admin;
    People who;
    WsClient clerk;
    WsClient owner;

    explicit Listeners(const std::string& backend)
        : s(backend, kFast), admin(s.client()), who(people(s, admin)),
          clerk(s.port(), bearer_headers(s.token_for("clerk1"))), owner(s.port(), bearer_headers(s.token_for("owner1"))) {}
};

}  // namespace

TEST_CASE("record changes are pushed only to users who may read them, without hidden fields") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer s(backend, kFast);
            auto admin = s.client();
            const auto who = people(s, admin);
            SessionClient browser(s.port());
            REQUIRE(browser.login("clerk1", TestServer::kUserPassword).status == 200);
            WsClient clerk(s.port(), session_headers(browser.cookie()));
            WsClient owner(s.port(), bearer_headers(s.token_for("owner1")));
            CHECK(clerk.subscribe("type:ticket")["op"] == "subscribed");
            CHECK(owner.subscribe("type:ticket")["op"] == "subscribed");

            const auto ticket = create_record(admin, "ticket", {{"subject", "Живой"}, {"amount", {{"amount", 500}, {"currency", "RUB"}}}});
            const std::int64_t id = ticket["id"];
            auto created = clerk.wait_for([](const json& m) { return is_event(m, "record.created"); });
            CHECK(created["topic"] == "type:ticket");
            CHECK(created["id"] == id);
            CHECK(created["record"]["subject"] == "Живой");
            CHECK_FALSE(created["record"].contains("amount"));
            CHECK(owner.until_pong().empty());  // not the owner's ticket: nothing at all

            // A change of a hidden field alone does not name it.
            auto r = admin.patch("/api/v1/records/ticket/" + std::to_string(id),
                                 {{"amount", {{"amount", 700}, {"currency", "RUB"}}}, {"assignee", who.owner}}, kAnyVersion);
            REQUIRE(r.status == 200);
            auto updated = clerk.wait_for([](const json& m) { return is_event(m, "record.updated"); });
            CHECK(updated["changed_fields"] == json::array({"assignee"}));
            CHECK_FALSE(updated["record"].contains("amount"));
            // Handed to the owner: now within their scope, so they hear of it.
            auto theirs = owner.wait_for([](const json& m) { return is_event(m, "record.updated"); });
            CHECK(theirs["record"]["assignee"] == who.owner);
            CHECK(theirs["record"]["amount"]["amount"] == 700);

            // Rights are checked per event, not only when subscribing.
            set_roles(admin, who.clerk, {});
            REQUIRE(admin.del("/api/v1/records/ticket/" + std::to_string(id)).status == 200);
            owner.wait_for([](const json& m) { return is_event(m, "record.archived"); });
            CHECK(clerk.until_pong().empty());
        }
    }
}

TEST_CASE("a stage move names the stages only to users who may see the stage field") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer s(backend, kFast);
            add_deal_types(s);
            auto admin = s.client();
            create_pipeline(admin, "sales", {"new", "qualified", "won", "lost"});
            create_role(admin, "seer", grants("deal", "all"));
            create_role(admin, "blind", grants("deal", "all"),
                        json::array({{{"entity_type", "deal"}, {"field", "stage"}, {"access", "hidden"}}}));
            s.create_user("seer1", {"seer"});
            s.create_user("blind1", {"blind"});
            WsClient seer(s.port(), bearer_headers(s.token_for("seer1")));
            WsClient blind(s.port(), bearer_headers(s.token_for("blind1")));
            CHECK(seer.subscribe("type:deal")["op"] == "subscribed");
            CHECK(blind.subscribe("type:deal")["op"] == "subscribed");

            const std::int64_t id = create_record(admin, "deal", {{"title", "Сделка"}})["id"];
            REQUIRE(admin.patch("/api/v1/records/deal/" + std::to_string(id), {{"stage", "qualified"}}, kAnyVersion).status == 200);
            const auto moved = [](const json& m) { return is_event(m, "record.stage_changed"); };
            // Each user hears of two entries: the creation's into "new", then the move.
            CHECK(seer.wait_for(moved)["current"]["stage"] == "new");
            auto seen = seer.wait_for(moved);
            CHECK(seen["previous"]["stage"] == "new");
            CHECK(seen["current"]["stage"] == "qualified");
            for (int entry = 0; entry < 2; ++entry) {
                auto unseen = blind.wait_for(moved);
                CHECK(unseen["id"] == id);
                CHECK_FALSE(unseen.contains("previous"));
                CHECK_FALSE(unseen.contains("current"));
                CHECK_FALSE(unseen["record"].contains("stage"));
            }
        }
    }
}

TEST_CASE("a record topic carries that record only; notifications reach their recipient only") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            Listeners listeners(backend);
            auto& [s, admin, who, clerk, owner] = listeners;
            const std::int64_t first = create_record(admin, "ticket", {{"subject", "one"}})["id"];
            const std::int64_t second = create_record(admin, "ticket", {{"subject", "two"}})["id"];
            CHECK(clerk.subscribe("record:ticket:" + std::to_string(first))["op"] == "subscribed");
            // Not visible to the owner: answered as if it did not exist.
            auto refused = owner.subscribe("record:ticket:" + std::to_string(first));
            CHECK(refused["op"] == "error");
            CHECK(refused["code"] == "not-found");
            CHECK(clerk.subscribe("notifications")["op"] == "subscribed");
            CHECK(owner.subscribe("notifications")["op"] == "subscribed");

            REQUIRE(admin.patch("/api/v1/records/ticket/" + std::to_string(second), {{"subject", "two!"}}, kAnyVersion).status == 200);
            REQUIRE(admin.patch("/api/v1/records/ticket/" + std::to_string(first), {{"subject", "one!"}}, kAnyVersion).status == 200);
            notify(s, who.owner, "for the owner");
            notify(s, who.clerk, "for the clerk");
            auto m = clerk.wait_for([](const json& x) { return x.value("op", "") == "event"; });
            CHECK(m["topic"] == "record:ticket:" + std::to_string(first));
            CHECK(m["record"]["subject"] == "one!");
            auto n = clerk.wait_for([](const json& x) { return x.value("op", "") == "event"; });
            CHECK(n["event"] == "notification.created");
            CHECK(n["notification"]["body"] == "for the clerk");
            CHECK_FALSE(n["notification"].contains("recipient_id"));
            auto o = owner.wait_for([](const json& x) { return x.value("op", "") == "event"; });
            CHECK(o["notification"]["body"] == "for the owner");
            CHECK(owner.until_pong().empty());
        }
    }
}

TEST_CASE("plugins send on their live channels, to chosen users or to every subscriber") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            Listeners listeners(backend);
            auto& [s, admin, who, clerk, owner] = listeners;
            CHECK(clerk.subscribe("channel:bookmarks.saved")["op"] == "subscribed");
            CHECK(owner.subscribe("channel:bookmarks.saved")["op"] == "subscribed");
            orbita::kernel::plugins::PluginEventPublisher publisher("bookmarks", s.kernel().events(), s.kernel().database());
            auto live = [&](json data, json recipients) {
                return publisher.publish({"bookmarks.saved", "", 0, {{"live", data}, {"live_recipients", recipients}, {"secret", 1}}});
            };

            REQUIRE(live({{"n", 1}}, json::array({who.owner})).ok());
            REQUIRE(live({{"n", 2}}, json::array()).ok());
            // An event without a live member is no channel message.
            REQUIRE(publisher.publish({"bookmarks.saved", "", 0, {{"n", 3}}}).ok());
            auto first = owner.wait_for([](const json& m) { return m.value("op", "") == "event"; });
            CHECK(first["channel"] == "bookmarks.saved");
            CHECK(first["data"] == json{{"n", 1}});
            CHECK_FALSE(first.contains("secret"));
            CHECK(owner.wait_for([](const json& m) { return m.value("op", "") == "event"; })["data"]["n"] == 2);
            CHECK(clerk.wait_for([](const json& m) { return m.value("op", "") == "event"; })["data"]["n"] == 2);
            CHECK(clerk.until_pong().empty());
            CHECK(owner.until_pong().empty());
            // Kernel events are no channels, whatever a client asks for.
            CHECK(clerk.subscribe("channel:record.created")["op"] == "subscribed");
            create_record(admin, "ticket", {{"subject", "not on a channel"}});
            CHECK(clerk.until_pong().empty());
        }
    }
}

TEST_CASE("the WebSocket refuses strangers and bad messages and closes ended sessions") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer s(backend, json::object({{"realtime", {{"session_check_ms", 100}, {"max_subscriptions", 2},
                                                              {"max_message_bytes", 1024}}}}));
            auto admin = s.client();
            people(s, admin);
            CHECK(WsClient::handshake_status(s.port(), {}) == 401);
            CHECK(WsClient::handshake_status(s.port(), session_headers("not-a-session")) == 401);
            CHECK(WsClient::handshake_status(s.port(), bearer_headers(s.admin_token()), false) == 426);
            auto cross = bearer_headers(s.admin_token());
            cross.emplace_back("Origin", "https://evil.example");
            CHECK(WsClient::handshake_status(s.port(), cross) == 403);
            auto same = bearer_headers(s.admin_token());
            same.emplace_back("Origin", "http://127.0.0.1:" + std::to_string(s.port()));
            CHECK(WsClient::handshake_status(s.port(), same) == 101);

            create_role(admin, "nobody", json::array());
            s.create_user("nobody1", {"nobody"});
            WsClient ws(s.port(), bearer_headers(s.token_for("nobody1")));
            ws.send_text("not json");
            CHECK(ws.next().value_or(json::object()).value("code", "") == "bad-message");
            ws.send({{"op", "dance"}, {"id", 7}});
            auto unknown = ws.next().value_or(json::object());
            CHECK(unknown["code"] == "unknown-op");
            CHECK(unknown["id"] == 7);
            CHECK(ws.subscribe("type:Ticket; DROP")["code"] == "bad-topic");
            CHECK(ws.subscribe("record:ticket:0")["code"] == "bad-topic");
            auto forbidden = ws.subscribe("type:ticket");
            CHECK(forbidden["code"] == "forbidden");
            CHECK(forbidden["status"] == 403);
            CHECK(ws.subscribe("type:nosuchtype")["status"] == 404);
            CHECK(ws.subscribe("notifications")["op"] == "subscribed");
            CHECK(ws.subscribe("channel:a.b")["op"] == "subscribed");
            CHECK(ws.subscribe("channel:a.c")["code"] == "too-many-subscriptions");
            ws.send({{"op", "unsubscribe"}, {"topic", "channel:a.b"}});
            CHECK(ws.next().value_or(json::object()).value("op", "") == "unsubscribed");
            CHECK(ws.subscribe("channel:a.c")["op"] == "subscribed");
            ws.send_text(std::string(2000, ' '));
            CHECK(ws.close_code() == 1009);

            // Signing out closes the socket of that session within the check interval.
            SessionClient browser(s.port());
            REQUIRE(browser.login("clerk1", TestServer::kUserPassword).status == 200);
            WsClient live(s.port(), session_headers(browser.cookie()));
            CHECK(live.subscribe("notifications")["op"] == "subscribed");
            REQUIRE(browser.post("/api/v1/auth/logout", json::object()).status == 204);
            CHECK(live.close_code() == 4401);
            CHECK(s.client().get("/health").status == 200);
        }
    }
}

TEST_CASE("a client that falls behind is dropped and the server carries on") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer s(backend, json{{"realtime", {{"max_queued_events", 2}, {"max_connections", 2}}}});
            auto admin = s.client();
            s.add_ticket_type();
            WsClient slow(s.port(), bearer_headers(s.admin_token()));
            CHECK(slow.subscribe("type:ticket")["op"] == "subscribed");
            WsClient other(s.port(), bearer_headers(s.admin_token()));
            // One more than max_connections: refused while two are open.
            CHECK(WsClient::handshake_status(s.port(), bearer_headers(s.admin_token())) == 503);
            // Many events at one commit: more than the queue holds before the next tick.
            auto& records = s.kernel().records();
            s.kernel().database().write([&](orbita::kernel::storage::Transaction&) {
                const auto actor = orbita::kernel::Actor::system_actor("test");
                for (int i = 0; i < 10; ++i) records.create(actor, "ticket", {{"subject", "bulk " + std::to_string(i)}});
            });
            CHECK(slow.close_code() == 4429);
            // Its place is free again.
            int status = 0;
            for (int i = 0; i < 50 && status != 101; ++i) {
                std::this_thread::sleep_for(20ms);
                status = WsClient::handshake_status(s.port(), bearer_headers(s.admin_token()));
            }
            CHECK(status == 101);
            CHECK(other.subscribe("type:ticket")["op"] == "subscribed");
            create_record(admin, "ticket", {{"subject", "after"}});
            CHECK(other.wait_for([](const json& m) { return is_event(m, "record.created"); })["record"]["subject"] == "after");
        }
    }
}
