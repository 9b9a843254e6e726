// SPDX-License-Identifier: Apache-2.0
// Worker threads that claim due jobs and run their handlers.
#pragma once

#include "jobs/job_handler_registry.hpp"
#include "jobs/job_options.hpp"
#include "jobs/job_queue.hpp"
#include "jobs/job_store.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace orbita::kernel::jobs {

/// Runs the jobs of this node. Each of `options.workers` threads claims up to
/// `batch_size` due jobs under a lease, runs them one by one and records the outcome:
/// done; pending again after a backoff delay; dead once the attempts are used up (or at
/// once for a PermanentJobError); periodic jobs are re-armed. Leases of nodes that died
/// are reclaimed, and finished jobs are purged after `retention_days`. Every time comes from the kernel clock, so tests drive the runner
/// with a manual clock and `run_due()` instead of sleeping.
class JobRunner {
public:
    JobRunner(storage::Database& db, JobStore& store, JobQueue& queue, const JobHandlerRegistry& handlers,
              const Clock& clock, JobOptions options, std::string node_id);
    ~JobRunner();
    JobRunner(const JobRunner&) = delete;
    JobRunner& operator=(const JobRunner&) = delete;

    /// Starts the worker threads (none when `options.workers` is 0).
    void start();
    /// Stops the workers after their current job; idempotent.
    void stop();
    /// Runs every job due now on the calling thread until none is left (jobs that a
    /// run makes due now included), at most `max_jobs`; answers how many ran. Tests call
    /// this after advancing the clock; it works alongside worker threads too.
    int run_due(int max_jobs = 1000000);
    /// Wakes idle workers (a job became due now).
    void wake();

    const std::string& node_id() const { return node_id_; }
    std::uint64_t runs() const { return runs_.load(); }
    std::uint64_t failures() const { return failures_.load(); }

private:
    /// Claims one batch and runs it; answers the number of jobs claimed.
    int run_batch();
    /// The handler of `job` when the job may share a transaction with others (its
    /// handler is transactional and it has attempts left); nullopt otherwise.
    std::optional<JobHandler> group_handler(const JobRecord& job) const;
    /// Runs the jobs from `jobs[first]` on that group_handler admits in one write transaction, each in a
    /// savepoint of its own, for at most `kGroupBudget`; answers how many it took.
    std::size_t run_group(const std::vector<JobRecord>& jobs, std::size_t first);
    void run_one(const JobRecord& job);
    void succeed(const JobRecord& job, const JobHandler& handler, storage::Transaction& tx);
    void fail(const JobRecord& job, const std::optional<JobHandler>& handler, const std::string& error, bool permanent);
    void bury(const JobRecord& job, const std::optional<JobHandler>& handler, const std::string& error);
    /// Reclaims expired leases a few times per lease period and purges finished jobs
    /// older than `retention_days` once an hour (clock time).
    void housekeeping();
    void worker_loop();
    double random_unit();

    storage::Database& db_;
    JobStore& store_;
    JobQueue& queue_;
    const JobHandlerRegistry& handlers_;
    const Clock& clock_;
    JobOptions options_;
    std::string node_id_;

    std::mutex mutex_;
    std::condition_variable wake_;
    bool woken_ = false;
    std::atomic<bool> stopping_{false};
    std::vector<std::thread> workers_;
    std::atomic<std::int64_t> next_reclaim_ms_{0};
    std::atomic<std::int64_t> next_purge_ms_{0};
    std::mutex random_mutex_;
    std::mt19937_64 random_;
    std::atomic<std::uint64_t> runs_{0};
    std::atomic<std::uint64_t> failures_{0};
};

}  // namespace orbita::kernel::jobs
