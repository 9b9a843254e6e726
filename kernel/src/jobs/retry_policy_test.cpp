// SPDX-License-Identifier: Apache-2.0
#include "jobs/retry_policy.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;
using orbita::kernel::jobs::RetryPolicy;

TEST_CASE("backoff doubles per failed attempt and stops at the cap", "[jobs]") {
    RetryPolicy p;
    p.base = 10s;
    p.cap = 1h;
    p.jitter = 0.0;
    CHECK(p.delay(1, 0.5) == 10s);
    CHECK(p.delay(2, 0.5) == 20s);
    CHECK(p.delay(3, 0.5) == 40s);
    CHECK(p.delay(9, 0.5) == 2560s);
    CHECK(p.delay(10, 0.5) == 1h);
    CHECK(p.delay(1000, 0.5) == 1h);  // no overflow far past the cap
    CHECK(p.delay(0, 0.5) == 10s);    // nonsense attempt numbers behave as the first
}

TEST_CASE("jitter spreads the delay symmetrically within its bounds", "[jobs]") {
    RetryPolicy p;
    p.base = 10s;
    p.jitter = 0.2;
    CHECK(p.delay(1, 0.0) == 8s);
    CHECK(p.delay(1, 0.5) == 10s);
    CHECK(p.delay(1, 0.999999) > 11900ms);
    CHECK(p.delay(1, 0.999999) <= 12s);
    CHECK(p.delay(1, 7.0) == 12s);  // out-of-range randomness is clamped
}
