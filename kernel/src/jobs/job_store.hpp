// SPDX-License-Identifier: Apache-2.0
// The SQL of the jobs table: inserting, claiming, finishing and listing jobs.
#pragma once

#include "jobs/job.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace orbita::kernel::jobs {

/// A job ready to insert: every default already resolved.
struct NewJob {
    std::string kind;
    nlohmann::json payload;
    TimePoint due{};
    std::string idempotency_key;
    int max_attempts = 1;
    std::optional<std::chrono::milliseconds> interval{};
};

/// Filters of the admin list; `before_id` is the keyset cursor (newest first).
struct JobFilter {
    std::optional<JobState> state;
    std::string kind;
    std::optional<std::int64_t> before_id;
    int limit = 50;
};

/// Stateless access to `jobs`. Every state change of a leased job names its lease
/// owner, so a worker whose lease expired (and whose job another node took over)
/// changes nothing: `false` tells it so.
class JobStore {
public:
    explicit JobStore(storage::Database& db) : db_(db) {}

    /// Inserts unless a job of the same kind and idempotency key exists.
    ScheduleResult insert(storage::Connection& conn, const NewJob& job, TimePoint now);
    /// Leases up to `limit` pending jobs due at `now` to `owner` until `lease_until`
    /// (attempts + 1), oldest due first. PostgreSQL skips rows other nodes are
    /// claiming (FOR UPDATE SKIP LOCKED); SQLite has one writer, so claims never overlap.
    std::vector<JobRecord> claim(const std::string& owner, TimePoint now, TimePoint lease_until, int limit);
    /// Running jobs whose lease ended before `now` go back to pending, due now. Their
    /// attempt was used: the next claim makes the runner retire them if it was the last.
    std::int64_t reclaim_expired(TimePoint now);

    /// Gives a claimed job back untouched (the node is stopping before running it).
    bool release(storage::Connection& conn, std::int64_t id, const std::string& owner, TimePoint now);
    bool complete(storage::Connection& conn, std::int64_t id, const std::string& owner, TimePoint now);
    /// Periodic jobs: back to pending at `next_due`; `error` empty on success (which
    /// also resets the attempt count).
    bool rearm(storage::Connection& conn, std::int64_t id, const std::string& owner, TimePoint next_due,
               const std::string& error, TimePoint now);
    bool retry_later(storage::Connection& conn, std::int64_t id, const std::string& owner, TimePoint due,
                     const std::string& error, TimePoint now);
    bool mark_dead(storage::Connection& conn, std::int64_t id, const std::string& owner, const std::string& error,
                   TimePoint now);

    std::optional<JobRecord> get(storage::Connection& conn, std::int64_t id);
    std::vector<JobRecord> list(const JobFilter& filter);
    /// Administrator actions; false when the job is not in a state that allows them.
    bool requeue(storage::Connection& conn, std::int64_t id, TimePoint now);
    bool cancel(storage::Connection& conn, std::int64_t id, TimePoint now);
    /// Cancels the pending job of `kind` with `idempotency_key` (a timer that is no
    /// longer wanted); false when there is none.
    bool cancel_pending(storage::Connection& conn, const std::string& kind, const std::string& idempotency_key,
                        TimePoint now);
    /// Sets the interval of the periodic job `id` (a plugin changed it).
    void set_interval(storage::Connection& conn, std::int64_t id, std::chrono::milliseconds interval);
    /// Deletes finished (done, cancelled) jobs that ended before `before`.
    std::int64_t purge(TimePoint before);
    /// Counts by state, for /metrics and the bench script.
    std::vector<std::pair<std::string, std::int64_t>> count_by_state();

private:
    storage::Database& db_;
};

}  // namespace orbita::kernel::jobs
