// SPDX-License-Identifier: Apache-2.0
#include "processes/event_filter.hpp"

#include "events/event_bus.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using orbita::kernel::events::Event;
using orbita::kernel::processes::EventFilter;

namespace {

Event deal_updated() {
    return {"record.updated", "deal", 7,
            {{"type", "deal"}, {"id", 7}, {"actor", "anna"},
             {"changes", {{"stage", {{"old", "new"}, {"new", "won"}}}}},
             {"record", {{"id", 7}, {"stage", "won"}, {"amount", 100}, {"secret", "hidden"}}}}};
}

}  // namespace

TEST_CASE("wait keys index waits by the record they name", "[processes]") {
    CHECK(EventFilter::key_of(json{{"type", "deal"}, {"id", 7}, {"stage", "won"}}) == "deal:7");
    CHECK(EventFilter::key_of(json{{"type", "deal"}}).empty());
    CHECK(EventFilter::key_of(json::object()).empty());
    CHECK(EventFilter::keys_of(deal_updated()) == std::vector<std::string>{"", "deal:7"});
    CHECK(EventFilter::keys_of(Event{"telegram.message_received", "", 0, json::object()}) == std::vector<std::string>{""});
}

TEST_CASE("event filters compare the record, payload paths and record fields", "[processes]") {
    const auto e = deal_updated();
    CHECK(EventFilter::matches(json::object(), e));
    CHECK(EventFilter::matches(json{{"type", "deal"}, {"id", 7}}, e));
    CHECK_FALSE(EventFilter::matches(json{{"type", "deal"}, {"id", 8}}, e));
    CHECK_FALSE(EventFilter::matches(json{{"type", "lead"}}, e));
    CHECK(EventFilter::matches(json{{"stage", "won"}}, e));                      // the record after the change
    CHECK(EventFilter::matches(json{{"stage", {"won", "lost"}}}, e));            // one of
    CHECK_FALSE(EventFilter::matches(json{{"stage", "lost"}}, e));
    CHECK(EventFilter::matches(json{{"changes.stage.old", "new"}}, e));          // a payload path
    CHECK(EventFilter::matches(json{{"actor", "anna"}}, e));
    CHECK_FALSE(EventFilter::matches(json{{"missing", "x"}}, e));
    CHECK(EventFilter::matches(json{{"missing", nullptr}}, e));                  // absent equals null
}

TEST_CASE("a resumed step sees the event without record values", "[processes]") {
    const auto seen = EventFilter::describe(deal_updated());
    CHECK(seen == json{{"name", "record.updated"}, {"type", "deal"}, {"id", 7}, {"changed", {"stage"}},
                       {"payload", {{"type", "deal"}, {"id", 7}, {"actor", "anna"}}}});
    CHECK(EventFilter::describe(Event{"bank.payment", "", 0, {{"sum", 5}}}) ==
          json{{"name", "bank.payment"}, {"payload", {{"sum", 5}}}});
}
