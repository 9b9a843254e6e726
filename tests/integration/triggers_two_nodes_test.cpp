// SPDX-License-Identifier: Apache-2.0
// Trigger definitions are cached per node: on two nodes over one PostgreSQL database,
// an administrator's change made through one node applies on the other within two
// seconds (a disabled trigger stops firing there, a new one starts).
#include "app/kernel.hpp"
#include "support/automation_helpers.hpp"
#include "support/records_helpers.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <thread>

using nlohmann::json;
using namespace orbita;
using namespace orbita::test;

TEST_CASE("a trigger changed on one node applies on the other within two seconds") {
    const auto backends = test_backends();
    if (std::find(backends.begin(), backends.end(), "postgresql") == backends.end()) {
        WARN("PostgreSQL is not configured (ORBITA_TEST_PG_URL); the two-node test needs it");
        return;
    }
    TestServer a("postgresql", manual_jobs_config());
    add_deal_types(a);
    auto admin = a.client();
    auto sales = create_pipeline(admin, "sales", {"new", "paid", "scored", "won"});
    const auto paid = create_trigger(admin, {{"stage_id", stage_id(sales, "paid")}, {"name", "Paid"}, {"kind", "field"},
                                             {"config", {{"field", "paid"}, {"value", true}}}})["id"]
                          .get<std::int64_t>();
    TempDir dir_b;
    std::filesystem::copy(a.data_dir() / "types", dir_b.path() / "types", std::filesystem::copy_options::recursive);
    kernel::Kernel b(test_config(dir_b.path(), a.database_url(), manual_jobs_config()));
    b.open();
    b.start_http();
    HttpClient on_b(b.http_port(), a.admin_token());
    auto deal = [&] { return create_record(on_b, "deal", {{"title", "Deal"}})["id"].get<std::int64_t>(); };
    auto patch_on_b = [&](std::int64_t id, const json& fields) {
        REQUIRE(on_b.patch("/api/v1/records/deal/" + std::to_string(id), fields, {{"If-Match", "*"}}).status == 200);
    };

    // Node b has the trigger cached and fires it.
    const auto first = deal();
    patch_on_b(first, {{"paid", true}});
    CHECK(run_due(a) == 1);
    CHECK(get_record(admin, "deal", first)["stage"] == "paid");

    // Through node a: the trigger is disabled and another one created.
    REQUIRE(admin.patch("/api/v1/admin/triggers/" + std::to_string(paid), {{"enabled", false}}).status == 200);
    create_trigger(admin, {{"stage_id", stage_id(sales, "scored")}, {"name", "Scored"}, {"kind", "field"}, {"config", {{"field", "score"}}}});
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));

    const auto second = deal();
    patch_on_b(second, {{"paid", true}});
    CHECK(run_due(a) == 0);
    CHECK(get_record(admin, "deal", second)["stage"] == "new");
    patch_on_b(second, {{"score", 7}});
    CHECK(run_due(a) == 1);
    CHECK(get_record(admin, "deal", second)["stage"] == "scored");
    b.stop();
}
