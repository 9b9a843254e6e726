// SPDX-License-Identifier: Apache-2.0
// The jobs that run process steps: one per (instance, seq).
#pragma once

#include "core/clock.hpp"

#include <cstdint>
#include <string>

namespace orbita::kernel::storage {
class Transaction;
}
namespace orbita::kernel::jobs {
class JobQueue;
}

namespace orbita::kernel::processes {

/// Every state an instance reaches that needs a step to run later (now, at a wake-up
/// time, at a timeout) gets one job of kind `process.step` with payload {instance,
/// seq} and idempotency key "process:<id>:<seq>", written in the transaction that
/// reached that state. The job runs the step only if the instance still has that seq,
/// so a job that lost a race (an event came first, an administrator cancelled) does
/// nothing; the winner also cancels it, to keep the jobs list tidy.
class StepScheduler {
public:
    static constexpr const char* kJobKind = "process.step";

    explicit StepScheduler(jobs::JobQueue& queue) : queue_(queue) {}

    void schedule(storage::Transaction& tx, std::int64_t instance_id, std::int64_t seq, TimePoint due);
    /// Cancels the pending job for (instance, seq), if any.
    void cancel(storage::Transaction& tx, std::int64_t instance_id, std::int64_t seq);

    static std::string key(std::int64_t instance_id, std::int64_t seq);

private:
    jobs::JobQueue& queue_;
};

}  // namespace orbita::kernel::processes
