// SPDX-License-Identifier: Apache-2.0
// Jobs and timers on both backends, driven by a manual clock: scheduling inside the
// caller's transaction, idempotency, due times, retries with backoff, dead jobs and the
// admin API, lease expiry, periodic jobs and plugin jobs, and a restart.
#include "jobs/job_handler_registry.hpp"
#include "jobs/job_queue.hpp"
#include "jobs/job_runner.hpp"
#include "jobs/job_store.hpp"
#include "storage/database.hpp"
#include "support/plugin_dir.hpp"
#include "support/problem_assertions.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <fstream>

using namespace orbita;
using namespace orbita::test;
using namespace std::chrono_literals;
using kernel::jobs::JobSpec;

namespace {

const auto kStart = *kernel::parse_iso_datetime("2025-03-12T09:00:00Z");

// Background workers off: the test decides when due jobs run (run_due).
nlohmann::json manual_jobs(nlohmann::json extra = nlohmann::json::object()) {
    nlohmann::json c = {{"jobs", {{"workers", 0}, {"backoff_base_seconds", 10}, {"max_attempts", 3}}}};
    c.merge_patch(extra);
    return c;
}

std::int64_t schedule(TestServer& s, JobSpec spec) {
    return s.kernel().database().write([&](kernel::storage::Transaction& tx) { return s.kernel().jobs().schedule(tx, spec).id; });
}

nlohmann::json job(TestServer& s, std::int64_t id) {
    auto r = s.client().get("/api/v1/admin/jobs/" + std::to_string(id));
    REQUIRE(r.status == 200);
    return r.json();
}

int run_due(TestServer& s) { return s.kernel().job_runner().run_due(); }

}  // namespace

TEST_CASE("jobs run when due, once, and only if their transaction committed") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            auto clock = std::make_shared<kernel::ManualClock>(kStart);
            TestServer server(backend, manual_jobs(), clock);
            std::vector<std::string> ran;
            server.kernel().job_handlers().add("test.note", {.run = [&](kernel::jobs::JobContext& ctx) {
                                                                 ran.push_back(ctx.job.payload.value("note", ""));
                                                             }});

            const auto now_id = schedule(server, {"test.note", {{"note", "now"}}});
            const auto later_id = schedule(server, {"test.note", {{"note", "in 10 minutes"}}, kStart + 10min});
            // A job written in a transaction that rolls back never exists.
            CHECK_THROWS(server.kernel().database().write([&](kernel::storage::Transaction& tx) {
                server.kernel().jobs().schedule(tx, {"test.note", {{"note", "rolled back"}}});
                throw std::runtime_error("abort");
            }));

            CHECK(run_due(server) == 1);
            CHECK(ran == std::vector<std::string>{"now"});
            CHECK(job(server, now_id)["state"] == "done");
            CHECK(job(server, later_id)["state"] == "pending");
            CHECK(job(server, later_id)["due_at"] == "2025-03-12T09:10:00.000Z");

            clock->advance(9min);
            CHECK(run_due(server) == 0);
            clock->advance(1min);
            CHECK(run_due(server) == 1);
            CHECK(run_due(server) == 0);
            CHECK(ran == std::vector<std::string>{"now", "in 10 minutes"});
            const auto done = job(server, later_id);
            CHECK(done["state"] == "done");
            CHECK(done["attempts"] == 1);
            CHECK(done["finished_at"] == "2025-03-12T09:10:00.000Z");
            CHECK(done["lease_owner"].is_null());

            // Unknown kinds are refused when scheduled, not discovered later.
            CHECK_THROWS_AS(schedule(server, {"test.nobody_handles_this"}), std::invalid_argument);
        }
    }
}

TEST_CASE("an idempotency key makes scheduling the same job twice a no-op, even after it ran") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            auto clock = std::make_shared<kernel::ManualClock>(kStart);
            TestServer server(backend, manual_jobs(), clock);
            int runs = 0;
            server.kernel().job_handlers().add("test.once", {.run = [&](kernel::jobs::JobContext&) { ++runs; }});
            auto& db = server.kernel().database();
            auto& queue = server.kernel().jobs();
            const auto first = db.write([&](kernel::storage::Transaction& tx) {
                return queue.schedule(tx, {"test.once", {{"n", 1}}, std::nullopt, "deal:7:reminder"});
            });
            const auto second = db.write([&](kernel::storage::Transaction& tx) {
                return queue.schedule(tx, {"test.once", {{"n", 2}}, std::nullopt, "deal:7:reminder"});
            });
            CHECK(first.created);
            CHECK_FALSE(second.created);
            CHECK(second.id == first.id);
            CHECK(run_due(server) == 1);
            const auto third = db.write([&](kernel::storage::Transaction& tx) {
                return queue.schedule(tx, {"test.once", {{"n", 3}}, std::nullopt, "deal:7:reminder"});
            });
            CHECK_FALSE(third.created);
            CHECK(run_due(server) == 0);
            CHECK(runs == 1);
            // The same key under another kind is another job.
            server.kernel().job_handlers().add("test.other", {.run = [](kernel::jobs::JobContext&) {}});
            CHECK(db.write([&](kernel::storage::Transaction& tx) {
                      return queue.schedule(tx, {"test.other", {}, std::nullopt, "deal:7:reminder"});
                  }).created);
            // A pending timer can be cancelled by its key (a record left its stage).
            const auto timer = db.write([&](kernel::storage::Transaction& tx) {
                return queue.schedule(tx, {"test.once", {}, kStart + 1h, "deal:8:reminder"});
            });
            CHECK(db.write([&](kernel::storage::Transaction& tx) { return queue.cancel(tx, "test.once", "deal:8:reminder"); }));
            clock->advance(2h);
            CHECK(run_due(server) == 1);  // only test.other
            CHECK(job(server, timer.id)["state"] == "cancelled");
            CHECK(runs == 1);
        }
    }
}

TEST_CASE("failing jobs retry with exponential backoff and die after their last attempt") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            auto clock = std::make_shared<kernel::ManualClock>(kStart);
            TestServer server(backend, manual_jobs(), clock);
            int calls = 0;
            server.kernel().job_handlers().add("test.flaky", {.run = [&](kernel::jobs::JobContext& ctx) {
                                                                  ++calls;
                                                                  if (ctx.job.payload.value("fail_times", 0) >= calls)
                                                                      throw std::runtime_error("receiver down (call " +
                                                                                               std::to_string(calls) + ")");
                                                              }});
            const auto id = schedule(server, {"test.flaky", {{"fail_times", 2}}});
            CHECK(run_due(server) == 1);
            auto j = job(server, id);
            CHECK(j["state"] == "pending");
            CHECK(j["attempts"] == 1);
            CHECK(j["last_error"] == "receiver down (call 1)");
            // First retry after 10 s +-20 %.
            auto due = *kernel::parse_iso_datetime(j["due_at"].get<std::string>());
            CHECK(due >= kStart + 8s);
            CHECK(due <= kStart + 12s);
            clock->set(due - 1ms);
            CHECK(run_due(server) == 0);
            clock->set(due);
            CHECK(run_due(server) == 1);
            j = job(server, id);
            CHECK(j["attempts"] == 2);
            // Second retry after 20 s +-20 %.
            auto due2 = *kernel::parse_iso_datetime(j["due_at"].get<std::string>());
            CHECK(due2 >= due + 16s);
            CHECK(due2 <= due + 24s);
            clock->set(due2);
            CHECK(run_due(server) == 1);
            j = job(server, id);
            CHECK(j["state"] == "done");
            CHECK(j["attempts"] == 3);
            CHECK(calls == 3);

            // max_attempts 3 (config): three failures make it dead.
            calls = 0;
            const auto doomed = schedule(server, {"test.flaky", {{"fail_times", 100}}});
            for (int i = 0; i < 3; ++i) {
                clock->advance(1h);
                CHECK(run_due(server) == 1);
            }
            clock->advance(10h);
            CHECK(run_due(server) == 0);
            j = job(server, doomed);
            CHECK(j["state"] == "dead");
            CHECK(j["attempts"] == 3);
            CHECK(j["last_error"] == "receiver down (call 3)");
            CHECK_FALSE(j["finished_at"].is_null());

            // A permanent error kills at once.
            server.kernel().job_handlers().add("test.hopeless", {.run = [](kernel::jobs::JobContext&) {
                                                                     throw kernel::jobs::PermanentJobError("payload is malformed");
                                                                 }});
            const auto hopeless = schedule(server, {"test.hopeless"});
            CHECK(run_due(server) == 1);
            CHECK(job(server, hopeless)["state"] == "dead");
            CHECK(job(server, hopeless)["attempts"] == 1);
        }
    }
}

TEST_CASE("admins list, retry and cancel jobs through the API; others may not") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            auto clock = std::make_shared<kernel::ManualClock>(kStart);
            TestServer server(backend, manual_jobs(), clock);
            bool healthy = false;
            server.kernel().job_handlers().add("test.api", {.run = [&](kernel::jobs::JobContext&) {
                                                                if (!healthy) throw kernel::jobs::PermanentJobError("not yet");
                                                            }});
            const auto dead = schedule(server, {"test.api", {{"which", "dead"}}});
            const auto pending = schedule(server, {"test.api", {{"which", "pending"}}, kStart + 1h});
            CHECK(run_due(server) == 1);
            auto admin = server.client();

            auto list = admin.get("/api/v1/admin/jobs?state=dead&kind=test.api");
            REQUIRE(list.status == 200);
            REQUIRE(list.json()["items"].size() == 1);
            CHECK(list.json()["items"][0]["id"] == dead);
            CHECK(list.json()["items"][0]["last_error"] == "not yet");
            CHECK(admin.get("/api/v1/admin/jobs?kind=test.api").json()["items"].size() == 2);
            // Keyset pages, newest first.
            auto page = admin.get("/api/v1/admin/jobs?kind=test.api&limit=1");
            CHECK(page.json()["items"][0]["id"] == pending);
            const auto cursor = page.json()["next_cursor"].get<std::string>();
            auto next = admin.get("/api/v1/admin/jobs?kind=test.api&limit=1&cursor=" + cursor);
            CHECK(next.json()["items"][0]["id"] == dead);

            // A dead job re-runs with fresh attempts once the cause is fixed.
            healthy = true;
            auto retried = admin.post("/api/v1/admin/jobs/" + std::to_string(dead) + "/retry", nlohmann::json::object());
            REQUIRE(retried.status == 200);
            CHECK(retried.json()["state"] == "pending");
            CHECK(retried.json()["attempts"] == 0);
            CHECK(run_due(server) == 1);
            CHECK(job(server, dead)["state"] == "done");
            require_problem(admin.post("/api/v1/admin/jobs/" + std::to_string(dead) + "/retry", nlohmann::json::object()), 409,
                            "job-not-retryable");
            require_problem(admin.post("/api/v1/admin/jobs/" + std::to_string(dead) + "/cancel", nlohmann::json::object()), 409,
                            "job-not-cancellable");

            auto cancelled = admin.post("/api/v1/admin/jobs/" + std::to_string(pending) + "/cancel", nlohmann::json::object());
            REQUIRE(cancelled.status == 200);
            CHECK(cancelled.json()["state"] == "cancelled");
            clock->advance(2h);
            CHECK(run_due(server) == 0);

            // Audited.
            auto audit = admin.get("/api/v1/audit?action=job.").json();
            CHECK(audit["items"].size() == 2);

            // Bad input answers problem+json.
            require_problem(admin.get("/api/v1/admin/jobs?state=exploded"), 400);
            require_problem(admin.get("/api/v1/admin/jobs?limit=0"), 400);
            require_problem(admin.get("/api/v1/admin/jobs?limit=abc"), 400);
            require_problem(admin.get("/api/v1/admin/jobs?cursor=-5"), 400);
            require_problem(admin.get("/api/v1/admin/jobs?sort=id"), 400);
            require_problem(admin.get("/api/v1/admin/jobs/999999"), 404);
            require_problem(admin.get("/api/v1/admin/jobs/abc"), 404);
            require_problem(admin.post("/api/v1/admin/jobs/999999/retry", nlohmann::json::object()), 404);

            // Not for ordinary users, nor anonymous callers.
            server.create_user("clerk", {});
            auto clerk = server.client_with_token(server.token_for("clerk"));
            require_problem(clerk.get("/api/v1/admin/jobs"), 403);
            require_problem(clerk.get("/api/v1/admin/jobs/" + std::to_string(dead)), 403);
            require_problem(clerk.post("/api/v1/admin/jobs/" + std::to_string(dead) + "/retry", nlohmann::json::object()), 403);
            CHECK(server.anonymous_client().get("/api/v1/admin/jobs").status == 401);
        }
    }
}

TEST_CASE("a job whose worker died is taken over when its lease expires") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            auto clock = std::make_shared<kernel::ManualClock>(kStart);
            TestServer server(backend, manual_jobs({{"jobs", {{"lease_seconds", 60}}}}), clock);
            std::atomic<int> runs{0};
            server.kernel().job_handlers().add("test.lease", {.run = [&](kernel::jobs::JobContext&) { ++runs; }});
            const auto id = schedule(server, {"test.lease"});
            // Another node claims it and dies without finishing.
            kernel::jobs::JobStore store(server.kernel().database());
            const auto claimed = store.claim("ghost-node", clock->now(), clock->now() + 60s, 10);
            REQUIRE(claimed.size() == 1);
            CHECK(job(server, id)["state"] == "running");
            CHECK(job(server, id)["lease_owner"] == "ghost-node");
            CHECK(run_due(server) == 0);  // leased: not ours to run
            clock->advance(61s);
            CHECK(run_due(server) == 1);
            CHECK(runs == 1);
            const auto j = job(server, id);
            CHECK(j["state"] == "done");
            CHECK(j["attempts"] == 2);
            CHECK(j["last_error"].get<std::string>().find("ghost-node") != std::string::npos);
            // The ghost's late completion changes nothing.
            CHECK_FALSE(server.kernel().database().write([&](kernel::storage::Transaction& tx) {
                return store.complete(tx.conn(), id, "ghost-node", clock->now());
            }));
        }
    }
}

TEST_CASE("periodic jobs are re-armed after every run, failed or not") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            auto clock = std::make_shared<kernel::ManualClock>(kStart);
            TestServer server(backend, manual_jobs(), clock);
            int runs = 0;
            server.kernel().job_handlers().add("test.tick", {.run = [&](kernel::jobs::JobContext&) {
                                                                 if (++runs == 2) throw std::runtime_error("tick failed");
                                                             }});
            auto& db = server.kernel().database();
            const auto id = db.write([&](kernel::storage::Transaction& tx) {
                return server.kernel().jobs().ensure_periodic(tx, "test.tick", 5min, kStart + 5min).id;
            });
            // A second call (next start) keeps the one row.
            CHECK(db.write([&](kernel::storage::Transaction& tx) {
                      return server.kernel().jobs().ensure_periodic(tx, "test.tick", 5min, kStart + 5min);
                  }).id == id);
            for (int i = 1; i <= 3; ++i) {
                clock->advance(5min);
                CHECK(run_due(server) == 1);
                CHECK(run_due(server) == 0);
            }
            CHECK(runs == 3);
            const auto j = job(server, id);
            CHECK(j["state"] == "pending");
            CHECK(j["due_at"] == "2025-03-12T09:20:00.000Z");
            CHECK(j["interval_seconds"] == 300.0);
            CHECK(j["attempts"] == 0);  // reset by the last successful run
        }
    }
}

TEST_CASE("plugin jobs run periodically as the plugin's system actor") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            PluginDir plugins({"good_a"});
            TempDir scratch;
            const auto trace = scratch.path() / "trace.txt";
            auto clock = std::make_shared<kernel::ManualClock>(kStart);
            auto overrides = manual_jobs(plugins.config({{"good_a", {{"config", {{"trace_file", trace.string()}}}}}}));
            TestServer server(backend, overrides, clock);
            auto list = server.client().get("/api/v1/admin/jobs?kind=good_a.tick").json()["items"];
            REQUIRE(list.size() == 1);
            CHECK(list[0]["due_at"] == "2025-03-12T09:01:00.000Z");  // one interval after start
            auto ticks = [&] {
                std::ifstream in(trace);
                int n = 0;
                for (std::string line; std::getline(in, line);) n += line == "good_a tick" ? 1 : 0;
                return n;
            };
            CHECK(run_due(server) == 0);
            clock->advance(60s);
            CHECK(run_due(server) == 1);
            CHECK(ticks() == 1);
            clock->advance(30s);
            CHECK(run_due(server) == 0);
            clock->advance(30s);
            CHECK(run_due(server) == 1);
            CHECK(ticks() == 2);
        }
    }
}

TEST_CASE("timers survive a restart and fire once, on time") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            auto clock = std::make_shared<kernel::ManualClock>(kStart);
            TestServer server(backend, manual_jobs(), clock);
            std::vector<int> fired;
            auto register_handler = [&] {
                server.kernel().job_handlers().add("test.timer", {.run = [&](kernel::jobs::JobContext& ctx) {
                                                                      fired.push_back(ctx.job.payload["n"].get<int>());
                                                                  }});
            };
            register_handler();
            for (int n = 1; n <= 4; ++n) schedule(server, {"test.timer", {{"n", n}}, kStart + std::chrono::hours(n)});
            clock->advance(2h);
            CHECK(run_due(server) == 2);
            server.restart();
            register_handler();
            CHECK(run_due(server) == 0);
            clock->advance(1h);
            CHECK(run_due(server) == 1);
            clock->advance(5h);
            CHECK(run_due(server) == 1);
            CHECK(fired == std::vector<int>{1, 2, 3, 4});
        }
    }
}
