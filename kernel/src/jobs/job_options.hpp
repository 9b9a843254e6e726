// SPDX-License-Identifier: Apache-2.0
// Settings of the job runner (config section `jobs`).
#pragma once

#include "jobs/retry_policy.hpp"

#include <chrono>

namespace orbita::kernel::jobs {

/// See schemas/config.schema.json, section `jobs`, for what each setting means.
struct JobOptions {
    int workers = 2;
    std::chrono::milliseconds poll_interval{500};
    int batch_size = 32;
    std::chrono::milliseconds lease{std::chrono::minutes(5)};
    RetryPolicy retry{};
    int retention_days = 14;
};

}  // namespace orbita::kernel::jobs
