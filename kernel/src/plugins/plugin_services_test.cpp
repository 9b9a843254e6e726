// SPDX-License-Identifier: Apache-2.0
// Service lookups: declared use, provider running, class name and version rules, and
// provide() only while a stage accepts it. Also the manifest check of `uses.services`.
#include "plugins/plugin_services.hpp"
#include "plugins/service_uses.hpp"

#include <catch2/catch.hpp>

using namespace orbita;
using namespace orbita::kernel::plugins;

namespace {

namespace v1 {
struct Clock {
    static constexpr std::string_view service_id = "timer.clock";
    static constexpr sdk::ServiceVersion service_version{1, 2};
    virtual ~Clock() = default;
    virtual int now() const { return 42; }
};
}  // namespace v1

sdk::ServiceKey key(sdk::ServiceVersion version, std::string type = typeid(v1::Clock).name()) {
    return {"timer.clock", version, std::move(type)};
}

struct Fixture {
    ServiceDirectory directory;
    std::shared_ptr<v1::Clock> clock = std::make_shared<v1::Clock>();
    PluginServices user{"agenda", {"timer.clock"}, directory, [](const std::string& id) { return "failed: " + id + " broke"; }};

    void provide(sdk::ServiceVersion version) {
        directory.add({"timer", key(version), std::shared_ptr<void>(clock, clock.get())});
    }
};

PluginManifest manifest(const std::string& id, std::vector<std::string> uses, std::vector<std::string> provides = {},
                        std::vector<std::string> deps = {}) {
    PluginManifest m;
    m.id = id;
    m.version = *PluginVersion::parse("1.0.0");
    for (const auto& d : deps) m.dependencies.push_back({d, *PluginVersion::parse("1.0.0"), false});
    m.used_services = std::move(uses);
    m.provided_services = std::move(provides);
    return m;
}

}  // namespace

TEST_CASE("a declared service of a running provider comes back as the provider's object") {
    Fixture f;
    f.provide({1, 2});
    auto found = f.user.require<v1::Clock>();
    REQUIRE(found.ok());
    CHECK(found.value() == f.clock);
    CHECK(found.value()->now() == 42);
    CHECK(f.user.find<v1::Clock>() == f.clock);
}

TEST_CASE("a provider of the same major and a newer minor fits; older minors and other majors do not") {
    // The user was built against 1.2.
    for (auto [version, fits] : std::vector<std::pair<sdk::ServiceVersion, bool>>{{{1, 2}, true}, {{1, 5}, true}, {{1, 1}, false}, {{2, 2}, false}}) {
        Fixture f;
        f.provide(version);
        auto found = f.user.require<v1::Clock>();
        CHECK(found.ok() == fits);
        if (!fits) {
            CHECK(found.error().code == "service-version");
            CHECK(found.error().message == "plugin agenda requires service timer.clock 1.2 ((anonymous namespace)::v1::Clock), but "
                                           "timer provides version " + std::to_string(version.major) + "." +
                                               std::to_string(version.minor) +
                                               " (a user needs the same major and a minor no newer than the provider's)");
        }
    }
}

TEST_CASE("lookups name the requester, the service and its provider when they fail") {
    Fixture f;
    auto missing = f.user.require<v1::Clock>();
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == "service-unavailable");
    CHECK(missing.error().message == "plugin agenda requires service timer.clock 1.2 ((anonymous namespace)::v1::Clock) "
                                     "from plugin timer, which is not running (failed: timer broke)");
    CHECK(f.user.find<v1::Clock>() == nullptr);

    PluginServices stranger{"stranger", {}, f.directory, [](const std::string&) { return ""; }};
    f.provide({1, 2});
    auto undeclared = stranger.require<v1::Clock>();
    CHECK(undeclared.error().code == "undeclared-service");
    CHECK(undeclared.error().message == "plugin stranger requires service timer.clock 1.2 ((anonymous namespace)::v1::Clock), "
                                        "which its plugin.json does not list in uses.services");
    CHECK_THROWS_WITH(stranger.find<v1::Clock>(), undeclared.error().message);
}

TEST_CASE("a service id names one interface class, compared by name, not typeid") {
    ServiceDirectory directory;
    auto clock = std::make_shared<v1::Clock>();
    directory.add({"timer", key({1, 2}, "N5other5ClockE"), std::shared_ptr<void>(clock, clock.get())});
    PluginServices user{"agenda", {"timer.clock"}, directory, [](const std::string&) { return ""; }};
    auto found = user.require<v1::Clock>();
    CHECK(found.error().code == "service-type");
    CHECK(found.error().message ==
          "plugin agenda requires service timer.clock 1.2 ((anonymous namespace)::v1::Clock), but timer provides "
          "timer.clock as other::Clock; a service id names one interface class");
}

TEST_CASE("provide() reaches the stage only while one accepts it") {
    Fixture f;
    CHECK_THROWS_WITH(f.user.provide<v1::Clock>(f.clock),
                      "plugin agenda provided service timer.clock 1.2 ((anonymous namespace)::v1::Clock) outside initialize(); "
                      "registrations are closed");
    std::vector<std::string> staged;
    f.user.accept_provides([&](const sdk::ServiceKey& k, std::shared_ptr<void>) -> sdk::Result<void> {
        staged.push_back(k.id);
        return {};
    });
    CHECK(f.user.provide<v1::Clock>(f.clock).ok());
    CHECK(staged == std::vector<std::string>{"timer.clock"});
}

TEST_CASE("the directory refuses a second provider of an id, naming the first") {
    Fixture f;
    f.provide({1, 2});
    CHECK_THROWS_WITH(f.provide({1, 2}), "service timer.clock is already registered by timer");
    f.directory.remove_owned_by("timer");
    CHECK_FALSE(f.directory.owner_of("timer.clock"));
}

TEST_CASE("used services must come from a dependency that declares them") {
    auto timer = manifest("timer", {}, {"timer.clock"});
    std::map<std::string, const PluginManifest*> installed = {{"timer", &timer}};
    CHECK_FALSE(service_uses_problem(manifest("agenda", {"timer.clock"}, {}, {"timer"}), installed));
    CHECK(service_uses_problem(manifest("agenda", {"timer.clock"}), installed) ==
          "uses service timer.clock of plugin timer, but does not depend on timer (add it to DEPENDS or OPTIONAL_DEPENDS)");
    CHECK(service_uses_problem(manifest("agenda", {"timer.alarm"}, {}, {"timer"}), installed) ==
          "uses service timer.alarm, but timer (1.0.0) does not provide it (its provides.services: timer.clock)");
    // A provider that is not installed is the dependency resolver's business.
    CHECK_FALSE(service_uses_problem(manifest("agenda", {"radio.tuner"}, {}, {"radio"}), installed));
}
