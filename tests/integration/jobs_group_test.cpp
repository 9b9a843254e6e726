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

std::string job_state(TestServer& s, std::int64_t id) {
    auto r = s.client().get("/api/v1/admin/jobs/" + std::to_string(id));
    REQUIRE(r.status == 200);
    return r.json()["state"].get<std::string>();
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
            std::vector<std::int64_t> ids;
            db.write([&](kernel::storage::Transaction& tx) {
                for (const auto* note : {"first", "broken", "third"}) {
                    nlohmann::json payload = {{"note", note}, {"fail", std::string(note) == "broken"}};
                    ids.push_back(server.kernel().jobs().schedule(tx, {"test.probe", payload}).id);
                }
            });

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
