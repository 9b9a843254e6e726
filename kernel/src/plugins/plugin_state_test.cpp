// SPDX-License-Identifier: Apache-2.0
#include "plugins/plugin_state.hpp"
#include "plugins/staged_registrations.hpp"

#include <catch2/catch.hpp>

using namespace orbita::kernel::plugins;

TEST_CASE("the state machine allows only the documented steps and remembers where it failed") {
    PluginStateMachine s;
    CHECK_THROWS_AS(s.advance(PluginState::Loaded), std::logic_error);
    s.advance(PluginState::ManifestValid);
    s.advance(PluginState::Resolved);
    s.advance(PluginState::Loaded);
    s.fail("initialize threw: x");
    CHECK(s.state() == PluginState::Failed);
    CHECK(s.failed_in() == PluginState::Loaded);
    CHECK(s.reason() == "initialize threw: x");
    CHECK_THROWS_AS(s.advance(PluginState::Initialized), std::logic_error);
    CHECK_FALSE(can_transition(PluginState::Running, PluginState::Disabled));
    CHECK(can_transition(PluginState::Running, PluginState::Stopping));
}

TEST_CASE("provides is compared kind by kind, in both directions") {
    nlohmann::json provides = {{"routes", {"GET /api/v1/x/a", "GET /api/v1/x/b"}}};
    nlohmann::json summary = StagedRegistrations{}.summary();
    summary["routes"] = {"GET /api/v1/x/a", "POST /api/v1/x/c"};
    summary["permissions"] = {"x"};  // not declared as a kind: not compared
    auto problems = provides_mismatches(provides, summary);
    CHECK(problems == std::vector<std::string>{"routes: POST /api/v1/x/c is registered but not declared in plugin.json",
                                               "routes: GET /api/v1/x/b is declared in plugin.json but not registered"});
    CHECK(provides_mismatches(nullptr, summary).empty());
}
