// SPDX-License-Identifier: Apache-2.0
#include "jobs/retry_policy.hpp"

#include <algorithm>
#include <cmath>

namespace orbita::kernel::jobs {

std::chrono::milliseconds RetryPolicy::delay(int attempt, double unit_random) const {
    // Doubling in floating point cannot overflow; the cap bounds it before conversion.
    const double exponent = std::clamp(attempt, 1, 62) - 1;
    const double raw = std::min(static_cast<double>(base.count()) * std::pow(2.0, exponent), static_cast<double>(cap.count()));
    const double factor = 1.0 + jitter * (2.0 * std::clamp(unit_random, 0.0, 1.0) - 1.0);
    return std::chrono::milliseconds(static_cast<std::int64_t>(std::max(0.0, raw * factor)));
}

}  // namespace orbita::kernel::jobs
