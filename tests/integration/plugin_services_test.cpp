// SPDX-License-Identifier: Apache-2.0
// Typed services between plugins: greeter provides greeter.greetings, its dependents
// obtain the very same object across libraries loaded RTLD_LOCAL; every way of getting
// the declarations or the build wrong fails the plugin naming requester, service and provider.
#include "support/plugin_dir.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

using namespace orbita;
using namespace orbita::test;
using Catch::Matchers::Contains;

TEST_CASE("a plugin obtains a service of its dependency and shares the provider's instance") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            PluginDir plugins({"greeter", "welcome", "svc_older_minor"});
            TestServer server(backend, plugins.config());
            auto admin = server.client();
            auto report = admin.get("/api/v1/admin/plugins").json()["plugins"];
            INFO(report.dump(2));
            for (const char* id : {"greeter", "welcome", "svc_older_minor"}) CHECK(plugin_entry(report, id)["state"] == "running");
            CHECK(plugin_entry(report, "greeter")["registrations"]["services"] == nlohmann::json({"greeter.greetings"}));
            CHECK(plugin_entry(report, "greeter")["manifest"]["provides"]["services"] == nlohmann::json({"greeter.greetings"}));
            CHECK(plugin_entry(report, "welcome")["manifest"]["uses"]["services"] == nlohmann::json({"greeter.greetings"}));

            auto hello = admin.get("/api/v1/welcome/hello/Ann");
            REQUIRE(hello.status == 200);
            CHECK(hello.json()["text"] == "Hello, Ann");
            CHECK(hello.json()["calls"] == 1);
            // Built against interface 1.0 (greet only), served by greeter's 1.1 object.
            CHECK(admin.get("/api/v1/svc_older_minor/hello").json()["text"] == "Hello, svc_older_minor");
            // One object behind all three libraries.
            CHECK(admin.get("/api/v1/greeter/calls").json()["calls"] == 2);
            // Looked up again in on_all_initialized and at request time: the same object.
            auto later = admin.get("/api/v1/welcome/later").json();
            CHECK(later["same_object"] == true);
            CHECK(later["found_after_init"] == true);
        }
    }
}

TEST_CASE("wrong service declarations or builds fail the plugin with requester, service and provider") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            PluginDir plugins({"greeter", "svc_unlisted", "svc_undeclared", "svc_not_dependent", "svc_no_provider",
                               "svc_newer_minor", "svc_other_major", "svc_type_mismatch"});
            plugins.copy_with_manifest("good_b", "misnamed_service",
                                       R"({"id": "misnamed_service", "version": "1.0.0", "kernelApi": "1.1",
                                           "library": "libgood_b.so", "provides": {"services": ["greeter.greetings"]}})");
            TestServer server(backend, plugins.config());
            auto report = server.client().get("/api/v1/admin/plugins").json()["plugins"];
            INFO(report.dump(2));
            CHECK(plugin_entry(report, "greeter")["state"] == "running");

            // Found from the manifests alone, before any library is loaded.
            CHECK(plugin_reason(report, "svc_not_dependent") == "uses service greeter.greetings of plugin greeter, but does not depend "
                                                         "on greeter (add it to DEPENDS or OPTIONAL_DEPENDS)");
            CHECK(plugin_entry(report, "svc_not_dependent")["failed_in"] == "manifest_valid");
            CHECK(plugin_reason(report, "svc_no_provider") ==
                  "uses service greeter.farewells, but greeter (1.0.0) does not provide it (its provides.services: greeter.greetings)");
            CHECK(plugin_reason(report, "misnamed_service") ==
                  "invalid plugin.json: provides.services: 'greeter.greetings' must be named misnamed_service.<name>");

            // Found when the plugin provides or looks up.
            CHECK(plugin_reason(report, "svc_undeclared") ==
                  "initialize failed: undeclared-service: plugin svc_undeclared provides service svc_undeclared.counter 1.0 "
                  "((anonymous namespace)::Counter), which its plugin.json does not declare in provides.services");
            CHECK(plugin_reason(report, "svc_unlisted") ==
                  "initialize failed: undeclared-service: plugin svc_unlisted requires service greeter.greetings 1.1 "
                  "(greeter::Greetings), which its plugin.json does not list in uses.services");
            CHECK(plugin_reason(report, "svc_newer_minor") ==
                  "initialize failed: service-version: plugin svc_newer_minor requires service greeter.greetings 1.2 "
                  "(greeter::Greetings), but greeter provides version 1.1 (a user needs the same major and a minor no newer "
                  "than the provider's)");
            CHECK_THAT(plugin_reason(report, "svc_other_major"),
                       Contains("plugin svc_other_major requires service greeter.greetings 2.0 (greeter::Greetings), but "
                                "greeter provides version 1.1"));
            CHECK(plugin_reason(report, "svc_type_mismatch") ==
                  "initialize failed: service-type: plugin svc_type_mismatch requires service greeter.greetings 1.1 "
                  "(impostor::Greetings), but greeter provides greeter.greetings as greeter::Greetings; a service id "
                  "names one interface class");
            // Nothing of the failed plugins is reachable; the provider keeps serving.
            CHECK(server.client().get("/api/v1/svc_unlisted/later").status == 404);
            CHECK(server.client().get("/api/v1/greeter/calls").json()["calls"] == 0);
        }
    }
}

TEST_CASE("a service of an optional dependency that is not running: find() is null, require() says why") {
    SECTION("not installed") {
        PluginDir plugins({"welcome_optional"});
        TestServer server("sqlite", plugins.config());
        auto hello = server.client().get("/api/v1/welcome_optional/hello").json();
        CHECK(hello["greeting"].is_null());
        CHECK(hello["why"] == "service-unavailable: plugin welcome_optional requires service greeter.greetings 1.1 "
                             "(greeter::Greetings) from plugin greeter, which is not running (not installed)");
    }
    SECTION("disabled") {
        PluginDir plugins({"welcome_optional", "greeter"});
        TestServer server("sqlite", plugins.config({{"greeter", {{"enabled", false}}}}));
        CHECK_THAT(server.client().get("/api/v1/welcome_optional/hello").json()["why"].get<std::string>(),
                   Contains("which is not running (disabled: disabled in configuration (plugins.settings.greeter.enabled))"));
    }
    SECTION("running") {
        PluginDir plugins({"welcome_optional", "greeter"});
        TestServer server("sqlite", plugins.config());
        CHECK(server.client().get("/api/v1/welcome_optional/hello").json()["greeting"] == "Hello, optional");
    }
}
