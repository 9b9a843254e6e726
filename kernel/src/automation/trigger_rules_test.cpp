// SPDX-License-Identifier: Apache-2.0
// Which record an event moves, for each kind of trigger.
#include "automation/trigger_rules.hpp"

#include <catch2/catch.hpp>

using namespace orbita::kernel;
using namespace orbita::kernel::automation;
using nlohmann::json;

namespace {

Trigger trigger(const std::string& kind, json config) {
    Trigger t;
    t.entity_type = "deal";
    t.kind = kind;
    t.config = std::move(config);
    return t;
}

events::Event updated(const std::string& type, std::int64_t id, json changes, json record = json::object()) {
    return {"record.updated", type, id, {{"changes", std::move(changes)}, {"record", std::move(record)}}};
}

std::optional<StageKind> kinds(std::int64_t stage) { return stage == 9 ? StageKind::Success : StageKind::Open; }

std::optional<std::int64_t> match(const Trigger& t, const events::Event& e, const std::string& source = "") {
    return TriggerRules::match(t, e, source, kinds);
}

}  // namespace

TEST_CASE("a field trigger fires when the field changes, to the value when one is given", "[automation]") {
    const auto paid = trigger("field", {{"field", "paid"}, {"value", true}});
    CHECK(match(paid, updated("deal", 5, {{"paid", {{"old", false}, {"new", true}}}})) == 5);
    CHECK_FALSE(match(paid, updated("deal", 5, {{"paid", {{"old", true}, {"new", false}}}})));
    CHECK_FALSE(match(paid, updated("deal", 5, {{"note", {{"old", nullptr}, {"new", "x"}}}})));
    CHECK_FALSE(match(paid, updated("invoice", 5, {{"paid", {{"old", false}, {"new", true}}}})));
    const auto any = trigger("field", {{"field", "note"}});
    CHECK(match(any, updated("deal", 6, {{"note", {{"old", "a"}, {"new", "b"}}}})) == 6);
    CHECK(match(any, {"record.created", "deal", 7, {{"changes", {{"note", {{"old", nullptr}, {"new", "a"}}}}}}}) == 7);
}

TEST_CASE("a related trigger moves the record the related one points at", "[automation]") {
    const auto created = trigger("related", {{"type", "task"}, {"via", "deal"}, {"on", "created"}});
    CHECK(match(created, {"record.created", "task", 1, {{"record", {{"deal", 42}}}}}) == 42);
    CHECK_FALSE(match(created, {"record.created", "task", 1, {{"record", {{"deal", nullptr}}}}}));
    CHECK_FALSE(match(created, updated("task", 1, json::object(), {{"deal", 42}})));
    const auto done = trigger("related", {{"type", "task"}, {"via", "deal"}, {"on", "completed"}, {"field", "status"}, {"value", "done"}});
    CHECK(match(done, updated("task", 1, {{"status", {{"old", "open"}, {"new", "done"}}}}, {{"deal", 42}})) == 42);
    CHECK_FALSE(match(done, updated("task", 1, {{"status", {{"old", "done"}, {"new", "open"}}}}, {{"deal", 42}})));
    const auto won = trigger("related", {{"type", "step"}, {"via", "deal"}, {"on", "completed"}});
    const auto entered = [](std::int64_t stage) {
        return events::Event{"record.stage_changed", "step", 3, {{"current", {{"stage_id", stage}}}, {"record", {{"deal", 8}}}}};
    };
    CHECK(match(won, entered(9)) == 8);
    CHECK_FALSE(match(won, entered(2)));
}

TEST_CASE("an event trigger takes the record the plugin's event names, through its source only", "[automation]") {
    const auto visited = trigger("event", {{"event", "bookmarks.visited"}});
    const events::Event e{"bookmarks.visited", "deal", 11, json::object()};
    CHECK(match(visited, e, "bookmarks.visited") == 11);
    CHECK_FALSE(match(visited, e, ""));
    CHECK_FALSE(match(visited, e, "bookmarks.other"));
    CHECK_FALSE(match(visited, {"bookmarks.visited", "lead", 11, json::object()}, "bookmarks.visited"));
    CHECK_FALSE(match(trigger("webhook", json::object()), e, "bookmarks.visited"));
}
