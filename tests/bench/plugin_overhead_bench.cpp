// SPDX-License-Identifier: Apache-2.0
// What the plugin host costs a request that touches no plugin code: the same kernel with
// no plugins and with the fifteen bench plugins (bench_01..bench_15, one route and one
// permission each), measuring (1) the route lookup of GET /api/v1/records/ticket/{id}
// and (2) that request end to end over loopback HTTP, alternating between the two
// servers so machine noise hits both alike. Used by scripts/bench-plugin-overhead.sh;
// prints one JSON line per measurement.
#include "http/router.hpp"
#include "support/plugin_dir.hpp"
#include "support/test_server.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <iostream>

using namespace orbita;
using Clock = std::chrono::steady_clock;

namespace {

std::vector<std::string> bench_plugins() {
    std::vector<std::string> ids;
    for (int i = 1; i <= 15; ++i) ids.push_back((i < 10 ? "bench_0" : "bench_") + std::to_string(i));
    return ids;
}

double match_ns(kernel::http::Router& router, const std::string& path, int rounds) {
    std::map<std::string, std::string> params;
    const auto start = Clock::now();
    for (int i = 0; i < rounds; ++i) {
        params.clear();
        if (!router.match("GET", path, params).route) throw std::runtime_error("no route for " + path);
    }
    return std::chrono::duration<double, std::nano>(Clock::now() - start).count() / rounds;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    const int requests = argc > 1 ? std::stoi(argv[1]) : 20000;
    spdlog::set_level(spdlog::level::err);
    test::PluginDir none;
    test::PluginDir fifteen(bench_plugins());
    test::TestServer plain("sqlite", none.config());
    test::TestServer with_plugins("sqlite", fifteen.config());
    std::string path;
    for (auto* s : {&plain, &with_plugins}) {
        s->add_ticket_type();
        auto created = s->client().post("/api/v1/records/ticket", {{"subject", "bench"}});
        if (created.status != 201) throw std::runtime_error("cannot create a ticket: " + created.body);
        path = "/api/v1/records/ticket/" + std::to_string(created.json()["id"].get<long>());
    }

    const int rounds = 1000000;
    for (auto [name, server] : {std::pair{"no plugins", &plain}, std::pair{"15 plugins", &with_plugins}}) {
        std::cout << nlohmann::json({{"measure", "route lookup"}, {"kernel", name},
                                     {"routes", server->kernel().router().routes().size()},
                                     {"ns_per_lookup", match_ns(server->kernel().router(), path, rounds)}})
                         .dump()
                  << std::endl;
    }

    auto a = plain.client(), b = with_plugins.client();
    std::vector<double> ta, tb;
    auto timed = [&](test::HttpClient& c) {
        const auto start = Clock::now();
        if (c.get(path).status != 200) throw std::runtime_error("GET " + path + " failed");
        return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
    };
    for (int i = 0; i < requests; ++i) {
        // Which server goes first alternates, so neither gains from the other's warm caches.
        if (i % 2 == 0) {
            ta.push_back(timed(a));
            tb.push_back(timed(b));
        } else {
            tb.push_back(timed(b));
            ta.push_back(timed(a));
        }
    }
    std::cout << nlohmann::json({{"measure", "GET by id over HTTP"}, {"requests_each", requests},
                                 {"median_us_no_plugins", median(ta)}, {"median_us_15_plugins", median(tb)}})
                     .dump()
              << std::endl;
    return 0;
}
