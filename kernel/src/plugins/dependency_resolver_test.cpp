// SPDX-License-Identifier: Apache-2.0
#include "plugins/dependency_resolver.hpp"

#include <catch2/catch.hpp>

using namespace orbita::kernel::plugins;

namespace {
PluginManifest manifest(const std::string& id, const std::string& version, std::vector<PluginDependency> deps = {},
                        const std::string& compat = "") {
    PluginManifest m;
    m.id = id;
    m.version = *PluginVersion::parse(version);
    m.compat_version = *PluginVersion::parse(compat.empty() ? version : compat);
    m.dependencies = std::move(deps);
    return m;
}
PluginDependency dep(const std::string& id, const std::string& version, bool optional = false) {
    return {id, *PluginVersion::parse(version), optional};
}
}  // namespace

TEST_CASE("dependencies come before their dependents, ties by id") {
    std::map<std::string, PluginManifest> c = {{"crm", manifest("crm", "1.0.0")},
                                               {"telephony", manifest("telephony", "1.0.0", {dep("crm", "1.0.0")})},
                                               {"call_center", manifest("call_center", "1.0.0", {dep("telephony", "1.0.0"), dep("crm", "1.0.0")})},
                                               {"messenger", manifest("messenger", "1.0.0")}};
    auto r = DependencyResolver().resolve(c, {});
    CHECK(r.failures.empty());
    CHECK(r.order == std::vector<std::string>{"crm", "telephony", "call_center", "messenger"});
}

TEST_CASE("a dependency is satisfied within compatVersion..version") {
    CHECK(satisfies(*PluginVersion::parse("1.0.0"), *PluginVersion::parse("1.4.0"), *PluginVersion::parse("1.2.0")));
    CHECK_FALSE(satisfies(*PluginVersion::parse("1.0.0"), *PluginVersion::parse("1.4.0"), *PluginVersion::parse("1.5.0")));
    CHECK_FALSE(PluginVersion::parse("1.2"));
    CHECK_FALSE(PluginVersion::parse("1.2.x"));
    std::map<std::string, PluginManifest> c = {{"crm", manifest("crm", "1.4.0", {}, "1.0.0")},
                                               {"ok", manifest("ok", "1.0.0", {dep("crm", "1.2.0")})},
                                               {"old", manifest("old", "1.0.0", {dep("crm", "0.9.0")})}};
    auto r = DependencyResolver().resolve(c, {});
    CHECK(r.order == std::vector<std::string>{"crm", "ok"});
    CHECK(r.failures.at("old") == "requires crm 0.9.0, but crm (1.4.0) is installed (it serves versions 1.0.0 to 1.4.0)");
}

TEST_CASE("a cycle fails every member with the whole chain, and its dependents with the reason") {
    std::map<std::string, PluginManifest> c = {{"a", manifest("a", "1.0.0", {dep("b", "1.0.0")})},
                                               {"b", manifest("b", "1.0.0", {dep("c", "1.0.0")})},
                                               {"c", manifest("c", "1.0.0", {dep("a", "1.0.0")})},
                                               {"d", manifest("d", "1.0.0", {dep("c", "1.0.0")})}};
    auto r = DependencyResolver().resolve(c, {});
    CHECK(r.order.empty());
    const std::string chain = "circular dependency: a (1.0.0) depends on b (1.0.0) depends on c (1.0.0) depends on a (1.0.0)";
    CHECK(r.failures.at("a") == chain);
    CHECK(r.failures.at("c") == chain);
    CHECK(r.failures.at("d") == "dependency c (1.0.0) failed: " + chain);
}

TEST_CASE("missing, unavailable and optional dependencies") {
    std::map<std::string, PluginManifest> c = {{"x", manifest("x", "1.0.0", {dep("gone", "1.0.0")})},
                                               {"y", manifest("y", "1.0.0", {dep("off", "1.0.0")})},
                                               {"z", manifest("z", "1.0.0", {dep("gone", "1.0.0", true)})}};
    auto r = DependencyResolver().resolve(c, {{"off", "disabled: by configuration"}});
    CHECK(r.failures.at("x") == "requires plugin gone 1.0.0, which is not installed");
    CHECK(r.failures.at("y") == "dependency off 1.0.0 is not available: disabled: by configuration");
    CHECK(r.order == std::vector<std::string>{"z"});
}
