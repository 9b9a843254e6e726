// SPDX-License-Identifier: Apache-2.0
// The event bus seen through the records API on every backend: record.created,
// .updated, .archived and .restored reach subscribers only after the commit (the
// change is then visible to other connections), and failed writes raise nothing.
#include "support/records_helpers.hpp"
#include "support/test_server.hpp"

#include "core/problem.hpp"
#include "events/event_bus.hpp"
#include "records/record_repository.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>

using nlohmann::json;
using orbita::kernel::events::Event;
using orbita::kernel::events::Phase;
using orbita::test::create_record;
using orbita::test::TestServer;

namespace {

/// What a subscriber saw: the event, and the record as a fresh HTTP request (another
/// connection) saw it from inside the handler.
struct Seen {
    std::string name;
    std::int64_t id = 0;
    json payload;
    int visible_status = 0;
    json visible;
};

/// Subscribes to `pattern` after commit and records every event.
class Recorder {
public:
    Recorder(TestServer& server, const std::string& pattern) : server_(server) {
        id_ = server.kernel().events().subscribe(pattern, [this](const Event& e) { on_event(e); });
    }
    ~Recorder() { server_.kernel().events().unsubscribe(id_); }
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

    std::vector<Seen> take() {
        std::lock_guard<std::mutex> lock(mutex_);
        return std::exchange(seen_, {});
    }

private:
    void on_event(const Event& e) {
        Seen s{e.name, e.record_id, e.payload, 0, nullptr};
        // Another connection must already see the committed change.
        auto res = server_.client().get("/api/v1/records/" + e.entity_type + "/" + std::to_string(e.record_id));
        s.visible_status = res.status;
        if (res.status == 200) s.visible = res.json();
        std::lock_guard<std::mutex> lock(mutex_);
        seen_.push_back(std::move(s));
    }

    TestServer& server_;
    std::uint64_t id_ = 0;
    std::mutex mutex_;
    std::vector<Seen> seen_;
};

}  // namespace

TEST_CASE("record events reach subscribers after commit with the committed record") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            Recorder recorder(server, "record.*");
            auto http = server.client();

            auto t = create_record(http, "ticket", {{"subject", "событие"}, {"rating", 2}});
            const auto id = t["id"].get<std::int64_t>();
            const std::string url = "/api/v1/records/ticket/" + std::to_string(id);
            auto seen = recorder.take();
            REQUIRE(seen.size() == 1);
            CHECK(seen[0].name == "record.created");
            CHECK(seen[0].id == id);
            CHECK(seen[0].payload["type"] == "ticket");
            CHECK(seen[0].payload["version"] == 1);
            CHECK(seen[0].payload["actor"] == "admin");
            CHECK(seen[0].payload["record"] == t);
            CHECK(seen[0].payload["changes"]["subject"] == json({{"old", nullptr}, {"new", "событие"}}));
            CHECK(seen[0].visible_status == 200);
            CHECK(seen[0].visible == t);

            auto res = http.patch(url, {{"version", 1}, {"rating", 4}});
            REQUIRE(res.status == 200);
            seen = recorder.take();
            REQUIRE(seen.size() == 1);
            CHECK(seen[0].name == "record.updated");
            CHECK(seen[0].payload["version"] == 2);
            CHECK(seen[0].payload["changes"] == json({{"rating", {{"old", 2}, {"new", 4}}}}));
            CHECK(seen[0].visible["version"] == 2);
            CHECK(seen[0].visible["rating"] == 4);

            REQUIRE(http.del(url).status == 200);
            seen = recorder.take();
            REQUIRE(seen.size() == 1);
            CHECK(seen[0].name == "record.archived");
            CHECK(seen[0].visible["archived_at"].is_string());

            REQUIRE(http.request("POST", url + "/restore").status == 200);
            seen = recorder.take();
            REQUIRE(seen.size() == 1);
            CHECK(seen[0].name == "record.restored");
            CHECK(seen[0].visible["archived_at"].is_null());
            CHECK(seen[0].visible["version"] == 4);
        }
    }
}

TEST_CASE("failed and empty writes raise no events") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            auto t = create_record(http, "ticket", {{"subject", "x"}, {"rating", 3}});
            const std::string url = "/api/v1/records/ticket/" + std::to_string(t["id"].get<std::int64_t>());
            Recorder recorder(server, "*");

            CHECK(http.post("/api/v1/records/ticket", {{"rating", 3}}).status == 422);          // subject missing
            CHECK(http.post("/api/v1/records/ticket", {{"subject", "y"}, {"department", 999}}).status == 422);
            CHECK(http.patch(url, {{"version", 5}, {"rating", 4}}).status == 409);               // stale
            CHECK(http.patch(url, {{"version", 1}, {"rating", 99}}).status == 422);              // out of range
            CHECK(http.patch(url, {{"rating", 4}}).status == 428);                               // no version
            CHECK(http.patch(url, {{"version", 1}, {"rating", 3}}).status == 200);               // no change
            CHECK(http.request("POST", url + "/restore").status == 200);                         // not archived
            CHECK(http.del("/api/v1/records/ticket/999").status == 404);
            CHECK(recorder.take().empty());

            REQUIRE(http.del(url).status == 200);
            CHECK(recorder.take().size() == 1);
            CHECK(http.del(url).status == 200);  // already archived
            CHECK(http.patch(url, {{"version", 2}, {"rating", 4}}).status == 409);
            CHECK(recorder.take().empty());
        }
    }
}

TEST_CASE("a write vetoed inside the transaction is rolled back and never announced") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto& bus = server.kernel().events();
            std::atomic<int> in_transaction = 0;
            const auto veto = bus.subscribe(
                "record.*",
                [&in_transaction](const Event& e) {
                    ++in_transaction;
                    if (e.payload["record"]["subject"] == "запрещено")
                        throw orbita::kernel::Problem(422, "vetoed", "Vetoed", "a test subscriber said no");
                },
                Phase::InTransaction);
            Recorder recorder(server, "record.*");
            auto http = server.client();

            auto res = http.post("/api/v1/records/ticket", {{"subject", "запрещено"}});
            CHECK(res.status == 422);
            CHECK(in_transaction == 1);
            CHECK(recorder.take().empty());
            CHECK(orbita::test::list_page(http, "ticket", {{"archived", "all"}})["items"].empty());

            auto t = create_record(http, "ticket", {{"subject", "можно"}});
            CHECK(t["number"] == "T-000000001");  // the vetoed create gave its number back
            const std::string url = "/api/v1/records/ticket/" + std::to_string(t["id"].get<std::int64_t>());
            CHECK(recorder.take().size() == 1);

            res = http.patch(url, {{"version", 1}, {"subject", "запрещено"}});
            CHECK(res.status == 422);
            CHECK(recorder.take().empty());
            auto stored = http.get(url).json();
            CHECK(stored["subject"] == "можно");
            CHECK(stored["version"] == 1);
            CHECK(http.get(url + "/history").json()["items"].size() == 1);

            bus.unsubscribe(veto);
            CHECK(http.patch(url, {{"version", 1}, {"subject", "запрещено"}}).status == 200);
            CHECK(recorder.take().size() == 1);
            CHECK(in_transaction == 3);
        }
    }
}

TEST_CASE("subscribers choose events by name and can unsubscribe") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            auto t = create_record(http, "ticket", {{"subject", "a"}});
            const std::string url = "/api/v1/records/ticket/" + std::to_string(t["id"].get<std::int64_t>());
            std::vector<std::string> archived;
            std::mutex mutex;
            auto& bus = server.kernel().events();
            const auto sub = bus.subscribe("record.archived", [&](const Event& e) {
                std::lock_guard<std::mutex> lock(mutex);
                archived.push_back(e.entity_type + "#" + std::to_string(e.record_id));
            });
            REQUIRE(http.patch(url, {{"version", 1}, {"subject", "b"}}).status == 200);
            auto dept = create_record(http, "department", {{"name", "Отдел"}});
            REQUIRE(http.del(url).status == 200);
            REQUIRE(http.del("/api/v1/records/department/" + std::to_string(dept["id"].get<std::int64_t>())).status == 200);
            {
                std::lock_guard<std::mutex> lock(mutex);
                CHECK(archived == std::vector<std::string>{"ticket#" + std::to_string(t["id"].get<std::int64_t>()),
                                                           "department#" + std::to_string(dept["id"].get<std::int64_t>())});
            }
            bus.unsubscribe(sub);
            REQUIRE(http.request("POST", url + "/restore").status == 200);
            REQUIRE(http.del(url).status == 200);
            std::lock_guard<std::mutex> lock(mutex);
            CHECK(archived.size() == 2);
        }
    }
}

TEST_CASE("events raised by the repository directly follow the same rules") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            Recorder recorder(server, "record.created");
            const auto actor = orbita::kernel::Actor::system_actor("import");
            auto record = server.kernel().records().create(actor, "ticket", {{"subject", "импорт"}});
            auto seen = recorder.take();
            REQUIRE(seen.size() == 1);
            CHECK(seen[0].payload["actor"] == "system:import");
            CHECK(seen[0].visible == record);
            CHECK_THROWS_AS(server.kernel().records().create(actor, "ticket", {{"rating", 1}}), orbita::kernel::Problem);
            CHECK(recorder.take().empty());
        }
    }
}
