// SPDX-License-Identifier: Apache-2.0
// Route matching: the most specific pattern wins, whether a route is filed under its
// area (first three literal segments) or compared with every path.
#include "http/router.hpp"

#include <catch2/catch.hpp>

using namespace orbita::kernel::http;

namespace {

struct Routes {
    Metrics metrics;
    Router router{metrics};

    void add(const std::string& method, const std::string& pattern) {
        router.add({.method = method, .pattern = pattern, .handler = [](Request&) { return Response::json({}); }});
    }
    /// "METHOD pattern" of the route matching, or "405 GET,POST", or "404".
    std::string match(const std::string& method, const std::string& path, std::map<std::string, std::string>* out = nullptr) {
        std::map<std::string, std::string> params;
        auto m = router.match(method, path, params);
        if (out) *out = params;
        if (m.route) return m.route->method + " " + m.route->pattern;
        if (!m.path_known) return "404";
        std::string allowed;
        for (const auto& a : m.allowed) allowed += (allowed.empty() ? "" : ",") + a;
        return "405 " + allowed;
    }
};

}  // namespace

TEST_CASE("the most specific route wins, with the parameters of the path") {
    Routes r;
    r.add("GET", "/api/v1/records/{type}/{id}");
    r.add("GET", "/api/v1/records/{type}/aggregate");
    r.add("GET", "/{a}/{b}/{c}/{d}/{e}");  // compared with every path: a parameter among the first three
    r.add("GET", "/");
    r.add("GET", "/health");
    std::map<std::string, std::string> params;
    CHECK(r.match("GET", "/api/v1/records/ticket/7", &params) == "GET /api/v1/records/{type}/{id}");
    CHECK(params == std::map<std::string, std::string>{{"type", "ticket"}, {"id", "7"}});
    CHECK(r.match("GET", "/api/v1/records/ticket/aggregate") == "GET /api/v1/records/{type}/aggregate");
    CHECK(r.match("GET", "/x/y/z/w/v") == "GET /{a}/{b}/{c}/{d}/{e}");
    CHECK(r.match("GET", "/") == "GET /");
    CHECK(r.match("GET", "/health") == "GET /health");
    CHECK(r.match("HEAD", "/health") == "GET /health");
    CHECK(r.match("GET", "/api/v1/records/ticket") == "404");
    CHECK(r.match("GET", "/api/v1/records/ticket/") == "404");  // an empty parameter
}

TEST_CASE("a route of another area is never a candidate; one of every area is") {
    Routes r;
    r.add("GET", "/api/v1/bench_01/ping");
    r.add("POST", "/api/v1/{area}/ping");
    CHECK(r.match("GET", "/api/v1/bench_01/ping") == "GET /api/v1/bench_01/ping");
    CHECK(r.match("POST", "/api/v1/bench_01/ping") == "POST /api/v1/{area}/ping");
    CHECK(r.match("POST", "/api/v1/other/ping") == "POST /api/v1/{area}/ping");
    CHECK(r.match("GET", "/api/v1/other/ping") == "405 POST");
    CHECK(r.match("DELETE", "/api/v1/bench_01/ping") == "405 GET,POST");  // registration order
}

TEST_CASE("equally specific routes: the one registered first wins, across areas") {
    Routes r;
    r.add("GET", "/{x}/v1/things/a");       // every area, registered first
    r.add("GET", "/api/v1/things/{y}");     // area api/v1/things, same score
    CHECK(r.match("GET", "/api/v1/things/a") == "GET /{x}/v1/things/a");
}
