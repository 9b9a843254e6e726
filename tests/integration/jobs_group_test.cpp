// SPDX-License-Identifier: Apache-2.0
// Transactional jobs of one claimed batch share a commit, each in a savepoint of its
// own: a job that fails loses only its own writes and is retried alone; the others
// keep theirs. On both backends, driven by run_due.
#include "jobs/job_handler_registry.hpp"
#include "jobs/job_queue.hpp"
#include "storage/database.hpp"
#include "support/job_helpers.hpp"
#include "support/test_backends.hpp"

#include <catch2/catch.hpp>

using namespace orbita;
using namespace orbita::test;
using kernel::storage::SqlFragment;

namespace {

std::int64_t count_notes(TestServer& s, const std::string& note) {
    return s.kernel().database().read([&](kernel::storage::Connection& c) {
        return *c.query_int(SqlFragment("SELECT COUNT(*) FROM group_probe WHERE note = ").bind(note));
    });
}

nlohmann::json job(TestServer& s, std::int64_t id) {
    auto r = s.client().get("/api/v1/admin/jobs/" + std::to_string(id));
    REQUIRE(r.status == 200);
    return r.json();
}

std::string job_state(TestServer& s, std::int64_t id) { return job(s, id)["state"].get<std::string>(); }

// Schedules one `kind` job per payload in one transaction; answers their ids in order.
std::vector<std::int64_t> schedule_all(TestServer& s, const std::string& kind, const std::vector<nlohmann::json>& payloads) {
    std::vector<std::int64_t> ids;
    s.kernel().database().write([&](kernel::storage::Transaction& tx) {
        for (const auto& payload : payloads) ids.push_back(s.kernel().jobs().schedule(tx, {kind, payload}).id);
    });
    return ids;
}

}  // namespace

TEST_CASE("a failing job of a batch rolls back only its own writes; the others commit") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer server(backend, manual_jobs_config());
            auto& db = server.kernel().database();
            db.write([](kernel::storage::Transaction& tx) { tx.conn().exec(SqlFragment("CREATE TABLE group_probe (note TEXT)")); });
            // Each job writes its note, then fails if told to: the write must vanish with it.
            server.kernel().job_handlers().add("test.probe", {.run = [](kernel::jobs::JobContext& ctx) {
                                                                  const auto note = ctx.job.payload.value("note", "");
                                                                  ctx.tx->conn().exec(
                                                                      SqlFragment("INSERT INTO group_probe (note) VALUES (").bind(note).sql(")"));
                                                                  if (ctx.job.payload.value("fail", false))
                                                                      throw std::runtime_error("probe " + note + " failed");
                                                              }});
            const auto ids = schedule_all(server, "test.probe",
                                          {{{"note", "first"}, {"fail", false}},
                                           {{"note", "broken"}, {"fail", true}},
                                           {{"note", "third"}, {"fail", false}}});

            CHECK(run_due(server) == 3);
            CHECK(count_notes(server, "first") == 1);
            CHECK(count_notes(server, "third") == 1);
            CHECK(count_notes(server, "broken") == 0);
            CHECK(job_state(server, ids[0]) == "done");
            CHECK(job_state(server, ids[1]) == "pending");  // retried later, alone
            CHECK(job_state(server, ids[2]) == "done");
        }
    }
}

TEST_CASE("when the shared commit fails, the jobs run again one by one and only the culprit fails") {
    for (const auto& backend : test_backends()) {
        SECTION(backend) {
            TestServer server(backend, manual_jobs_config());
            auto& db = server.kernel().database();
            // A deferred foreign key is checked only at COMMIT: a job that breaks it runs
            // fine in its savepoint and makes the group's shared commit fail.
            db.write([](kernel::storage::Transaction& tx) {
                tx.conn().exec(SqlFragment("CREATE TABLE group_parent (id INTEGER PRIMARY KEY)"));
                tx.conn().exec(SqlFragment("INSERT INTO group_parent (id) VALUES (1)"));
                tx.conn().exec(SqlFragment("CREATE TABLE group_probe (note TEXT, parent_id INTEGER REFERENCES group_parent (id) "
                                           "DEFERRABLE INITIALLY DEFERRED)"));
            });
            server.kernel().job_handlers().add("test.child", {.run = [](kernel::jobs::JobContext& ctx) {
                                                                  ctx.tx->conn().exec(
                                                                      SqlFragment("INSERT INTO group_probe (note, parent_id) VALUES (")
                                                                          .bind(ctx.job.payload.value("note", ""))
                                                                          .sql(", ")
                                                                          .bind(ctx.job.payload.value("parent", 0))
                                                                          .sql(")"));
                                                              }});
            const auto ids = schedule_all(server, "test.child",
                                          {{{"note", "first"}, {"parent", 1}},
                                           {{"note", "orphan"}, {"parent", 999}},
                                           {{"note", "third"}, {"parent", 1}}});

            CHECK(run_due(server) == 3);
            CHECK(count_notes(server, "first") == 1);
            CHECK(count_notes(server, "third") == 1);
            CHECK(count_notes(server, "orphan") == 0);
            CHECK(job_state(server, ids[0]) == "done");
            CHECK(job_state(server, ids[2]) == "done");
            const auto orphan = job(server, ids[1]);
            CHECK(orphan["state"] == "pending");
            CHECK(orphan["attempts"] == 1);
            CHECK_THAT(orphan["last_error"].get<std::string>(), Catch::Matchers::Contains("foreign key", Catch::CaseSensitive::No));
        }
    }
}
