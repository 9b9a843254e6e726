// SPDX-License-Identifier: Apache-2.0
#include "funnel_rules.hpp"

#include <catch2/catch.hpp>

using namespace orbita::plugins::crm;

TEST_CASE("the default funnel has three stages") {
    auto f = default_funnel();
    CHECK(f.key == "sales");
    REQUIRE(f.stages.size() == 3);
    CHECK(f.stages[0].key == "new");
    for (const auto& s : f.stages) CHECK(check_key("stage key", s.key).ok());
}

TEST_CASE("the stage limit is inclusive") {
    CHECK(check_stage_count(8, 8).ok());
    auto over = check_stage_count(9, 8);
    REQUIRE_FALSE(over.ok());
    CHECK(over.error().code == "stage-limit");
    CHECK(over.error().status == 409);
    CHECK(check_stage_count(3, 2).error().message ==
          "a funnel holds at most 2 stages (configuration stage_limit); delete or merge a stage first");
}

TEST_CASE("keys follow the kernel's pipeline key syntax") {
    CHECK(check_key("funnel key", "sales_2").ok());
    for (const char* bad : {"", "Sales", "2sales", "продажи", "a-b"}) CHECK(check_key("funnel key", bad).error().code == "invalid-key");
    CHECK_FALSE(check_key("funnel key", std::string(51, 'a')).ok());
}

TEST_CASE("deals move only within one company") {
    CHECK(check_same_company(3, 3).ok());
    CHECK(check_same_company(nullptr, nullptr).ok());
    auto other = check_same_company(3, 4);
    REQUIRE_FALSE(other.ok());
    CHECK(other.error().code == "other-company");
    CHECK(other.error().message == "a deal moves only between funnels of its own company: the target funnel belongs to company 4, "
                                   "the deal's to 3");
    CHECK_FALSE(check_same_company(nullptr, 4).ok());
}
