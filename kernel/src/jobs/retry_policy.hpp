// SPDX-License-Identifier: Apache-2.0
// How often and how soon a failed job is tried again.
#pragma once

#include <chrono>

namespace orbita::kernel::jobs {

/// Exponential backoff with jitter: after the n-th failed run the job waits
/// `base * 2^(n-1)`, at most `cap`, multiplied by a random factor in
/// [1 - jitter, 1 + jitter] so jobs that failed together (a receiver was down) do not
/// all come back in the same instant. After `max_attempts` runs the job is dead.
struct RetryPolicy {
    int max_attempts = 10;
    std::chrono::milliseconds base{std::chrono::seconds(10)};
    std::chrono::milliseconds cap{std::chrono::hours(1)};
    double jitter = 0.2;

    /// The wait after failed run number `attempt` (1-based); `unit_random` is a
    /// uniform number in [0, 1) chosen by the caller (tests pass fixed values).
    std::chrono::milliseconds delay(int attempt, double unit_random) const;
};

}  // namespace orbita::kernel::jobs
