// SPDX-License-Identifier: Apache-2.0
// Concurrent writers over HTTP on every backend: optimistic concurrency (one of two
// PATCHes based on the same version wins, the other gets 409 with the current record)
// and autonumbers that stay unique and gap-free under parallel creates.
#include "support/records_helpers.hpp"
#include "support/test_server.hpp"

#include "core/problem.hpp"
#include "events/event_bus.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <latch>
#include <map>
#include <thread>

using nlohmann::json;
using orbita::test::create_record;
using orbita::test::HttpResponse;
using orbita::test::TestServer;

namespace {

/// Runs `fn(thread_index)` on `threads` threads released together; answers each result.
/// Catch2 assertions are not thread-safe, so workers only collect what they saw.
template <class R>
std::vector<R> in_parallel(int threads, const std::function<R(int)>& fn) {
    std::vector<R> results(static_cast<std::size_t>(threads));
    std::latch start(threads);
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            start.arrive_and_wait();
            results[static_cast<std::size_t>(t)] = fn(t);
        });
    }
    for (auto& th : pool) th.join();
    return results;
}

HttpResponse safe_request(const TestServer& server, const std::function<HttpResponse(orbita::test::HttpClient&)>& call) {
    try {
        auto http = server.client();
        return call(http);
    } catch (const std::exception& e) {
        HttpResponse failed;
        failed.status = -1;
        failed.body = e.what();
        return failed;
    }
}

std::string ticket_number(long n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "T-%09ld", n);
    return buf;
}

}  // namespace

TEST_CASE("a PATCH based on a stale version gets 409 with the current record") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            auto t = create_record(http, "ticket", {{"subject", "исходная"}});
            const std::string url = "/api/v1/records/ticket/" + std::to_string(t["id"].get<std::int64_t>());
            REQUIRE(http.patch(url, {{"version", 1}, {"subject", "первая правка"}}).status == 200);

            for (const auto& res : {http.patch(url, {{"version", 1}, {"subject", "вторая правка"}}),
                                    http.patch(url, {{"subject", "вторая правка"}}, {{"If-Match", "\"1\""}})}) {
                INFO(res.body);
                REQUIRE(res.status == 409);
                CHECK(res.header("Content-Type").rfind("application/problem+json", 0) == 0);
                auto body = res.json();
                CHECK(body["type"] == "/problems/version-conflict");
                REQUIRE(body["current"].is_object());
                CHECK(body["current"]["version"] == 2);
                CHECK(body["current"]["subject"] == "первая правка");
                CHECK(body["current"]["id"] == t["id"]);
            }
            auto now = http.get(url).json();
            CHECK(now["version"] == 2);
            CHECK(now["subject"] == "первая правка");
            // Retrying with the version from `current` succeeds.
            CHECK(http.patch(url, {{"version", 2}, {"subject", "вторая правка"}}).status == 200);
        }
    }
}

TEST_CASE("of two concurrent PATCHes based on the same version exactly one wins") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            auto t = create_record(http, "ticket", {{"subject", "start"}});
            const std::string url = "/api/v1/records/ticket/" + std::to_string(t["id"].get<std::int64_t>());
            std::int64_t version = 1;
            for (int round = 0; round < 25; ++round) {
                auto results = in_parallel<HttpResponse>(2, [&](int who) {
                    return safe_request(server, [&](orbita::test::HttpClient& c) {
                        return c.patch(url, {{"version", version},
                                             {"subject", std::string(who == 0 ? "A" : "B") + std::to_string(round)}});
                    });
                });
                INFO("round " << round << ": " << results[0].status << " " << results[0].body << " / "
                              << results[1].status << " " << results[1].body);
                REQUIRE(std::count_if(results.begin(), results.end(), [](auto& r) { return r.status == 200; }) == 1);
                REQUIRE(std::count_if(results.begin(), results.end(), [](auto& r) { return r.status == 409; }) == 1);
                const auto& winner = results[0].status == 200 ? results[0] : results[1];
                const auto& loser = results[0].status == 409 ? results[0] : results[1];
                const auto won = winner.json();
                CHECK(won["version"] == version + 1);
                // The loser is shown the record as the winner left it.
                auto current = loser.json()["current"];
                CHECK(current["version"] == version + 1);
                CHECK(current["subject"] == won["subject"]);
                auto stored = http.get(url).json();
                CHECK(stored["version"] == version + 1);
                CHECK(stored["subject"] == won["subject"]);
                version = stored["version"].get<std::int64_t>();
            }
            // One history entry per successful change.
            auto h = http.get(url + "/history?limit=500").json();
            CHECK(h["items"].size() == 26);
        }
    }
}

TEST_CASE("concurrent PATCHes of different records all succeed") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            auto http = server.client();
            std::vector<std::string> urls;
            for (int i = 0; i < 6; ++i) {
                auto t = create_record(http, "ticket", {{"subject", "r" + std::to_string(i)}});
                urls.push_back("/api/v1/records/ticket/" + std::to_string(t["id"].get<std::int64_t>()));
            }
            auto results = in_parallel<std::vector<int>>(6, [&](int t) {
                std::vector<int> statuses;
                for (int v = 1; v <= 5; ++v) {
                    statuses.push_back(safe_request(server, [&](orbita::test::HttpClient& c) {
                                           return c.patch(urls[static_cast<std::size_t>(t)],
                                                          {{"version", v}, {"rating", v}});
                                       }).status);
                }
                return statuses;
            });
            for (const auto& statuses : results) CHECK(statuses == std::vector<int>(5, 200));
            for (const auto& url : urls) CHECK(http.get(url).json()["version"] == 6);
        }
    }
}

TEST_CASE("parallel creates draw unique, gap-free autonumbers") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            constexpr int kThreads = 8, kEach = 15;
            auto results = in_parallel<std::vector<HttpResponse>>(kThreads, [&](int t) {
                std::vector<HttpResponse> out;
                for (int i = 0; i < kEach; ++i) {
                    out.push_back(safe_request(server, [&](orbita::test::HttpClient& c) {
                        return c.post("/api/v1/records/ticket", {{"subject", std::to_string(t) + "/" + std::to_string(i)}});
                    }));
                }
                return out;
            });
            std::set<std::string> numbers;
            std::set<std::int64_t> ids;
            for (const auto& thread : results) {
                for (const auto& res : thread) {
                    INFO(res.body);
                    REQUIRE(res.status == 201);
                    auto j = res.json();
                    CHECK(numbers.insert(j["number"].get<std::string>()).second);
                    CHECK(ids.insert(j["id"].get<std::int64_t>()).second);
                }
            }
            std::set<std::string> expected;
            for (long n = 1; n <= kThreads * kEach; ++n) expected.insert(ticket_number(n));
            CHECK(numbers == expected);
            auto http = server.client();
            CHECK(orbita::test::list_page(http, "ticket", {{"count", "true"}, {"limit", "1"}})["total"] == kThreads * kEach);
            CHECK(create_record(http, "ticket", {{"subject", "next"}})["number"] == ticket_number(kThreads * kEach + 1));
        }
    }
}

TEST_CASE("autonumbers scoped by a reference count separately per value, also in parallel") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_type(orbita::test::project_type());
            server.add_type(orbita::test::task_type());
            auto http = server.client();
            std::vector<std::int64_t> projects;
            for (const char* name : {"Альфа", "Бета", "Гамма"})
                projects.push_back(create_record(http, "project", {{"name", name}})["id"].get<std::int64_t>());

            constexpr int kThreads = 6, kEach = 10;
            auto results = in_parallel<std::vector<HttpResponse>>(kThreads, [&](int t) {
                std::vector<HttpResponse> out;
                for (int i = 0; i < kEach; ++i) {
                    const auto project = projects[static_cast<std::size_t>((t + i) % 3)];
                    out.push_back(safe_request(server, [&](orbita::test::HttpClient& c) {
                        return c.post("/api/v1/records/task", {{"project", project}, {"title", "t"}});
                    }));
                }
                return out;
            });
            std::map<std::int64_t, std::set<std::string>> codes;
            std::map<std::int64_t, int> created;
            for (const auto& thread : results) {
                for (const auto& res : thread) {
                    INFO(res.body);
                    REQUIRE(res.status == 201);
                    auto j = res.json();
                    const auto project = j["project"].get<std::int64_t>();
                    CHECK(codes[project].insert(j["code"].get<std::string>()).second);
                    ++created[project];
                }
            }
            REQUIRE(codes.size() == 3);
            for (const auto& [project, set] : codes) {
                INFO("project " << project);
                std::set<std::string> expected;
                char buf[16];
                for (int n = 1; n <= created[project]; ++n) {
                    std::snprintf(buf, sizeof buf, "P-%04d", n);
                    expected.insert(buf);
                }
                CHECK(set == expected);
            }
            auto fresh = create_record(http, "project", {{"name", "Дельта"}})["id"].get<std::int64_t>();
            CHECK(create_record(http, "task", {{"project", fresh}, {"title", "first"}})["code"] == "P-0001");
            CHECK(create_record(http, "task", {{"project", projects[0]}, {"title", "again"}})["code"] ==
                  "P-00" + std::to_string(created[projects[0]] + 1));
        }
    }
}

TEST_CASE("a create that fails after drawing its number gives the number back") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend);
            server.add_ticket_type();
            // A subscriber inside the transaction vetoes some records after the number is drawn.
            server.kernel().events().subscribe(
                "record.created",
                [](const orbita::kernel::events::Event& e) {
                    if (e.payload["record"]["subject"].get<std::string>().rfind("veto", 0) == 0)
                        throw orbita::kernel::Problem(422, "vetoed", "Vetoed", "vetoed by a test subscriber");
                },
                orbita::kernel::events::Phase::InTransaction);
            constexpr int kThreads = 6, kEach = 10;
            auto results = in_parallel<std::vector<HttpResponse>>(kThreads, [&](int t) {
                std::vector<HttpResponse> out;
                for (int i = 0; i < kEach; ++i) {
                    const std::string subject = ((t + i) % 3 == 0 ? "veto " : "keep ") + std::to_string(t * kEach + i);
                    out.push_back(safe_request(server, [&](orbita::test::HttpClient& c) {
                        return c.post("/api/v1/records/ticket", {{"subject", subject}});
                    }));
                }
                return out;
            });
            std::set<std::string> numbers;
            int vetoed = 0;
            for (const auto& thread : results) {
                for (const auto& res : thread) {
                    INFO(res.body);
                    if (res.status == 422) {
                        ++vetoed;
                        continue;
                    }
                    REQUIRE(res.status == 201);
                    CHECK(numbers.insert(res.json()["number"].get<std::string>()).second);
                }
            }
            CHECK(vetoed == 20);
            std::set<std::string> expected;
            for (long n = 1; n <= kThreads * kEach - vetoed; ++n) expected.insert(ticket_number(n));
            CHECK(numbers == expected);
            auto http = server.client();
            CHECK(orbita::test::list_page(http, "ticket", {{"q", "veto"}})["items"].empty());
        }
    }
}
