// SPDX-License-Identifier: Apache-2.0
#include "plugins/plugins_api.hpp"

#include "acl/access_profile.hpp"
#include "core/problem.hpp"
#include "http/router.hpp"
#include "plugins/plugin_host.hpp"

namespace orbita::kernel::plugins {

void register_plugins_api(http::Router& router, PluginHost& host) {
    router.add({.method = "GET", .pattern = "/api/v1/admin/plugins", .handler = [&host](http::Request& r) {
                    const auto& access = r.actor().access;
                    if (!access || !access->administrator) throw Problem::forbidden("only administrators see the plugin report");
                    return http::Response::json({{"plugins", host.report()},
                                                 {"configuration_problems", host.configuration_problems()}});
                },
                .summary = "Every installed plugin: state, failure reason, manifest, registrations, run-time faults",
                .tag = "admin"});
    router.add({.method = "GET", .pattern = "/api/v1/ui/menu", .handler = [&host](http::Request& r) {
                    auto out = nlohmann::json::array();
                    for (auto& entry : host.catalog().menu()) {
                        const std::string permission = entry["permission"];
                        const auto colon = permission.find(':');
                        const bool visible = permission.empty() ||
                                             (r.actor().access && colon != std::string::npos &&
                                              r.actor().access->can(permission.substr(0, colon), permission.substr(colon + 1)));
                        if (visible) out.push_back(std::move(entry));
                    }
                    return http::Response::json({{"items", out}});
                },
                .summary = "Main menu entries contributed by plugins, filtered by the caller's permissions", .tag = "ui"});
}

}  // namespace orbita::kernel::plugins
