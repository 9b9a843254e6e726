// SPDX-License-Identifier: Apache-2.0
#include "processes/step_directive.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using orbita::kernel::processes::StepDirective;

TEST_CASE("step directives parse and print canonically", "[processes]") {
    CHECK(StepDirective::parse(nullptr).kind == StepDirective::Kind::Finish);
    CHECK(StepDirective::parse(json{{"op", "finish"}}).to_json() == json{{"op", "finish"}});
    const auto go = StepDirective::parse(json{{"op", "go"}, {"next", "check"}});
    CHECK(go.kind == StepDirective::Kind::Go);
    CHECK(go.next == "check");
    const auto until = StepDirective::parse(json{{"op", "wait_until"}, {"at", "2025-04-17T09:00:00+03:00"}, {"next", "renew"}});
    CHECK(until.to_json() == json{{"op", "wait_until"}, {"next", "renew"}, {"at", "2025-04-17T06:00:00.000Z"}});
    const auto wait = StepDirective::parse(json{{"op", "wait_for"}, {"event", "record.updated"}, {"filter", {{"type", "deal"}}},
                                                {"next", "changed"}, {"timeout_at", "2025-04-17T06:00:00Z"}});
    CHECK(wait.on_timeout == "changed");  // defaults to next
    CHECK(wait.to_json() == json{{"op", "wait_for"}, {"next", "changed"}, {"event", "record.updated"}, {"filter", {{"type", "deal"}}},
                                 {"on_timeout", "changed"}, {"timeout_at", "2025-04-17T06:00:00.000Z"}});
}

TEST_CASE("anything else a step returns is refused with a reason", "[processes]") {
    auto refused = [](const json& value, const std::string& part) {
        try {
            StepDirective::parse(value);
            FAIL("accepted " << value.dump());
        } catch (const std::invalid_argument& e) {
            CHECK_THAT(e.what(), Catch::Contains(part));
        }
    };
    refused(42, "a step must return");
    refused(json{{"next", "x"}}, "missing 'op'");
    refused(json{{"op", "sleep"}, {"next", "x"}}, "unknown op 'sleep'");
    refused(json{{"op", "go"}}, "missing 'next'");
    refused(json{{"op", "go"}, {"next", ""}}, "'next' must be a non-empty string");
    refused(json{{"op", "wait_until"}, {"next", "x"}, {"at", "tomorrow"}}, "'at' must be an ISO 8601 date-time");
    refused(json{{"op", "wait_for"}, {"next", "x"}}, "missing 'event'");
    refused(json{{"op", "wait_for"}, {"next", "x"}, {"event", "e"}, {"filter", 3}}, "'filter' must be a table");
}
