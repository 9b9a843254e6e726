// SPDX-License-Identifier: Apache-2.0
// Scheduling jobs inside the caller's transaction: the producer-side API.
#pragma once

#include "jobs/job.hpp"
#include "jobs/job_handler_registry.hpp"
#include "jobs/job_store.hpp"

#include <functional>
#include <mutex>

namespace orbita::kernel::jobs {

/// How robots, processes, the outbox and plugins ask for work to happen later.
///
/// A job is written in the caller's transaction, so it exists exactly when the change
/// that wanted it commits ("move the deal, and remind the manager in 10 days" is one
/// atomic write), and it survives restarts. Jobs due now wake the local runner once
/// the transaction has committed, instead of waiting for its next poll.
class JobQueue {
public:
    JobQueue(JobStore& store, const JobHandlerRegistry& handlers, const Clock& clock, RetryPolicy default_retry)
        : store_(store), handlers_(handlers), clock_(clock), default_retry_(default_retry) {}

    /// Schedules `spec` within `tx`. With an idempotency key, a second call for the same
    /// kind and key returns the first job (created = false) whatever its state: a job
    /// that ran is not run again. Throws std::invalid_argument for a kind no handler is
    /// registered for, or a key longer than 200 characters.
    ScheduleResult schedule(storage::Transaction& tx, const JobSpec& spec);
    /// The one periodic job of `kind` (idempotency key "periodic"): created on first
    /// call, first due at `first_due`; later calls only bring its interval up to date.
    ScheduleResult ensure_periodic(storage::Transaction& tx, const std::string& kind, std::chrono::milliseconds interval,
                                   TimePoint first_due);
    /// Cancels the pending job of `kind` scheduled with `idempotency_key` (a robot whose
    /// record left the stage); false when there was none still pending.
    bool cancel(storage::Transaction& tx, const std::string& kind, const std::string& idempotency_key);
    /// Wakes the runner once `tx` commits (a job became due now).
    void wake_after(storage::Transaction& tx);
    /// Set by the runner: what waking means.
    void set_waker(std::function<void()> waker);
    /// The retry policy of `kind`: its handler's, or the configured default.
    RetryPolicy retry_policy(const std::string& kind) const;

private:
    JobStore& store_;
    const JobHandlerRegistry& handlers_;
    const Clock& clock_;
    RetryPolicy default_retry_;
    mutable std::mutex mutex_;
    std::function<void()> waker_;
};

}  // namespace orbita::kernel::jobs
