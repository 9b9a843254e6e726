// SPDX-License-Identifier: Apache-2.0
#include "app/system_api.hpp"

#include "app/kernel.hpp"
#include "app/version.hpp"
#include "http/metrics.hpp"
#include "http/openapi.hpp"
#include "http/router.hpp"
#include "plugins/plugin_host.hpp"
#include "storage/database.hpp"

namespace orbita::kernel {

using http::Request;
using http::Response;

void register_system_api(http::Router& router, Kernel& kernel) {
    router.add({.method = "GET", .pattern = "/health", .handler = [&kernel](Request&) {
                    bool database = true;
                    try {
                        kernel.database().read([](storage::Connection& c) { c.query_int(storage::SqlFragment("SELECT 1")); });
                    } catch (const std::exception&) {
                        database = false;
                    }
                    auto plugins = kernel.plugins().health();
                    const std::string status = database ? plugins.status : "fail";
                    return Response::json(status == "fail" ? 503 : 200, {{"status", status},
                                                                         {"database", database ? "ok" : "unreachable"},
                                                                         {"plugins", std::move(plugins.plugins)}});
                },
                .public_access = true,
                .summary = "Liveness: the database is reachable and no required plugin is fatal (503 otherwise); "
                           "\"degraded\" when a plugin failed or reports itself unhealthy",
                .tag = "system"});

    router.add({.method = "GET", .pattern = "/ready", .handler = [&kernel](Request&) {
                    return kernel.ready() ? Response::json({{"status", "ready"}})
                                          : Response::json(503, {{"status", "starting"}});
                },
                .public_access = true, .summary = "Readiness: started and serving", .tag = "system"});

    router.add({.method = "GET", .pattern = "/metrics", .handler = [&kernel](Request&) {
                    return Response::text(200, kernel.metrics().render(), "text/plain; version=0.0.4; charset=utf-8");
                },
                .public_access = true, .summary = "Prometheus metrics", .tag = "system"});

    router.add({.method = "GET", .pattern = "/api/v1/openapi.json", .handler = [&kernel](Request&) {
                    return Response::json(http::build_openapi(kernel.types(), kernel.router(), kOrbitaVersion));
                },
                .summary = "OpenAPI 3.1 description of this server, generated from its entity types", .tag = "system"});

    router.add({.method = "GET", .pattern = "/", .handler = [&kernel](Request& req) {
                    // Browsers get the web application; API clients the service description.
                    const auto& web_app = kernel.router().fallback();
                    if (web_app && req.header("Accept").find("text/html") != std::string::npos) {
                        if (auto page = web_app("/")) return std::move(*page);
                    }
                    return Response::json({{"name", "Orbita CRM"},
                                           {"version", kOrbitaVersion},
                                           {"api", "/api/v1/openapi.json"},
                                           {"health", "/health"}});
                },
                .public_access = true, .summary = "Service description", .tag = "system"});
}

}  // namespace orbita::kernel
