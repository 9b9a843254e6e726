// SPDX-License-Identifier: Apache-2.0
#include "jobs/job_runner.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace orbita::kernel::jobs {

namespace {

/// The job's lease ended and another worker took it over: this run must not finish it.
class LeaseLost : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

constexpr std::size_t kMaxErrorLength = 2000;

/// How long one shared transaction of jobs may stay open. Every job of a group commits
/// at once, so a commit (WAL frames of the same pages on SQLite, a WAL flush on
/// PostgreSQL) is paid once per group instead of once per job; the budget bounds how
/// long the group holds the writer (SQLite) or its row locks (PostgreSQL).
constexpr auto kGroupBudget = std::chrono::milliseconds(10);

/// A job of a group that failed; recorded after the group committed.
struct GroupFailure {
    std::size_t index;
    std::string error;
    bool permanent;
};

std::string clip(std::string error) {
    if (error.size() > kMaxErrorLength) error = error.substr(0, kMaxErrorLength) + "...";
    return error.empty() ? "failed without a message" : error;
}

}  // namespace

JobRunner::JobRunner(storage::Database& db, JobStore& store, JobQueue& queue, const JobHandlerRegistry& handlers,
                     const Clock& clock, JobOptions options, std::string node_id)
    : db_(db), store_(store), queue_(queue), handlers_(handlers), clock_(clock), options_(options),
      node_id_(std::move(node_id)), random_(std::random_device{}()) {
    queue_.set_waker([this] { wake(); });
}

JobRunner::~JobRunner() {
    stop();
    queue_.set_waker(nullptr);
}

void JobRunner::start() {
    stopping_ = false;
    for (int i = 0; i < options_.workers; ++i) workers_.emplace_back([this] { worker_loop(); });
}

void JobRunner::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& t : workers_) t.join();
    workers_.clear();
}

void JobRunner::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    wake_.notify_all();
}

int JobRunner::run_due(int max_jobs) {
    int total = 0;
    while (total < max_jobs) {
        housekeeping();
        const int n = run_batch();
        if (n == 0) break;
        total += n;
    }
    return total;
}

void JobRunner::worker_loop() {
    while (!stopping_) {
        int n = 0;
        try {
            housekeeping();
            n = run_batch();
        } catch (const std::exception& e) {
            // The database is unreachable or busy: wait a poll interval and try again.
            spdlog::error("job runner {}: {}", node_id_, e.what());
        }
        if (n > 0) continue;
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, options_.poll_interval, [this] { return stopping_.load() || woken_; });
        woken_ = false;
    }
}

namespace {

// True for the one caller that moves `next` from a past value to `at + period`.
bool take_turn(std::atomic<std::int64_t>& next, std::int64_t at, std::int64_t period) {
    auto due = next.load();
    return at >= due && next.compare_exchange_strong(due, at + period);
}

}  // namespace

void JobRunner::housekeeping() {
    // Leases are checked a few times per lease period, not on every poll; every node
    // does it (the statements are idempotent), so no node is special.
    const auto now = clock_.now();
    const auto at = to_millis(now);
    if (take_turn(next_reclaim_ms_, at, std::max<std::int64_t>(1000, options_.lease.count() / 4))) {
        if (const auto n = store_.reclaim_expired(now); n > 0)
            spdlog::warn("job runner {}: {} job(s) whose worker stopped were put back in the queue", node_id_, n);
    }
    if (take_turn(next_purge_ms_, at, 3600 * 1000)) {
        store_.purge(now - std::chrono::hours(24) * options_.retention_days);
    }
}

int JobRunner::run_batch() {
    const auto now = clock_.now();
    const auto jobs = store_.claim(node_id_, now, now + options_.lease, options_.batch_size);
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        if (stopping_) {
            // Hand the rest back so another node (or the next start) runs them on time
            // instead of after the lease expires.
            db_.write([&](storage::Transaction& tx) {
                for (std::size_t k = i; k < jobs.size(); ++k) store_.release(tx.conn(), jobs[k].id, node_id_, clock_.now());
            });
            return static_cast<int>(i);
        }
        if (group_handler(jobs[i])) {
            i += run_group(jobs, i) - 1;
        } else {
            run_one(jobs[i]);
        }
    }
    return static_cast<int>(jobs.size());
}

std::optional<JobHandler> JobRunner::group_handler(const JobRecord& job) const {
    auto handler = handlers_.find(job.kind);
    if (!handler || !handler->transactional || (!job.interval && job.attempts > job.max_attempts)) return std::nullopt;
    return handler;
}

std::size_t JobRunner::run_group(const std::vector<JobRecord>& jobs, std::size_t first) {
    std::vector<GroupFailure> failures;
    std::size_t taken = 0;
    std::uint64_t succeeded = 0;
    try {
        db_.write([&](storage::Transaction&) {
            const auto deadline = std::chrono::steady_clock::now() + kGroupBudget;
            for (auto k = first; k < jobs.size(); ++k) {
                if (taken > 0 && (stopping_ || std::chrono::steady_clock::now() >= deadline)) break;
                const auto handler = group_handler(jobs[k]);
                if (!handler) break;
                ++taken;
                const auto& job = jobs[k];
                try {
                    db_.with_savepoint([&](storage::Transaction& t) {
                        JobContext ctx{job, &t, clock_.now()};
                        handler->run(ctx);
                        succeed(job, *handler, t);
                    });
                    ++succeeded;
                } catch (const LeaseLost& e) {
                    spdlog::warn("job runner {}: {}", node_id_, e.what());
                } catch (const PermanentJobError& e) {
                    failures.push_back({k, e.what(), true});
                } catch (const std::exception& e) {
                    failures.push_back({k, e.what(), false});
                }
            }
        });
    } catch (const std::exception& e) {
        // The shared commit failed (a deadlock victim, a serialisation failure, a full
        // disk): nothing of the group happened, so each job runs again on its own.
        spdlog::warn("job runner {}: a group of {} job(s) could not commit ({}); running them one by one", node_id_, taken,
                     e.what());
        for (auto k = first; k < first + taken; ++k) run_one(jobs[k]);
        return taken;
    }
    runs_ += succeeded;
    for (const auto& f : failures) fail(jobs[f.index], handlers_.find(jobs[f.index].kind), f.error, f.permanent);
    return taken;
}

void JobRunner::run_one(const JobRecord& job) {
    const auto handler = handlers_.find(job.kind);
    if (!handler) {
        fail(job, handler, "no handler for job kind '" + job.kind + "' on node " + node_id_, false);
        return;
    }
    if (!job.interval && job.attempts > job.max_attempts) {
        // Its last attempt was lost with a worker that died: nothing is left to try.
        bury(job, handler, job.last_error.empty() ? "no attempts left" : job.last_error);
        return;
    }
    try {
        if (handler->transactional) {
            db_.write([&](storage::Transaction& tx) {
                JobContext ctx{job, &tx, clock_.now()};
                handler->run(ctx);
                succeed(job, *handler, tx);
            });
        } else {
            JobContext ctx{job, nullptr, clock_.now()};
            handler->run(ctx);
            db_.write([&](storage::Transaction& tx) { succeed(job, *handler, tx); });
        }
        ++runs_;
    } catch (const LeaseLost& e) {
        spdlog::warn("job runner {}: {}", node_id_, e.what());
    } catch (const PermanentJobError& e) {
        fail(job, handler, e.what(), true);
    } catch (const std::exception& e) {
        fail(job, handler, e.what(), false);
    } catch (...) {
        fail(job, handler, "unknown exception", false);
    }
}

void JobRunner::succeed(const JobRecord& job, const JobHandler&, storage::Transaction& tx) {
    const auto now = clock_.now();
    const bool ok = job.interval ? store_.rearm(tx.conn(), job.id, node_id_, now + *job.interval, "", now)
                                 : store_.complete(tx.conn(), job.id, node_id_, now);
    // Throwing rolls back a transactional handler's effects with it.
    if (!ok) throw LeaseLost("job #" + std::to_string(job.id) + " (" + job.kind + ") lost its lease; its result was discarded");
}

void JobRunner::fail(const JobRecord& job, const std::optional<JobHandler>& handler, const std::string& raw_error,
                     bool permanent) {
    ++failures_;
    const std::string error = clip(raw_error);
    spdlog::warn("job #{} ({}) failed on attempt {}/{}: {}", job.id, job.kind, job.attempts, job.max_attempts, error);
    try {
        const auto now = clock_.now();
        if (job.interval) {
            db_.write([&](storage::Transaction& tx) { store_.rearm(tx.conn(), job.id, node_id_, now + *job.interval, error, now); });
        } else if (permanent || job.attempts >= job.max_attempts) {
            bury(job, handler, error);
        } else {
            const auto delay = queue_.retry_policy(job.kind).delay(job.attempts, random_unit());
            db_.write([&](storage::Transaction& tx) { store_.retry_later(tx.conn(), job.id, node_id_, now + delay, error, now); });
        }
    } catch (const std::exception& e) {
        // The lease expires and the job comes back: nothing is lost.
        spdlog::error("job #{}: could not record its failure: {}", job.id, e.what());
    }
}

void JobRunner::bury(const JobRecord& job, const std::optional<JobHandler>& handler, const std::string& error) {
    const auto now = clock_.now();
    try {
        db_.write([&](storage::Transaction& tx) {
            if (!store_.mark_dead(tx.conn(), job.id, node_id_, error, now)) return;
            if (handler && handler->on_dead) handler->on_dead(tx, job, error);
        });
    } catch (const std::exception& e) {
        // The dead state matters more than what mirrors it: record it alone.
        spdlog::error("job #{} ({}): its on-dead hook failed: {}", job.id, job.kind, e.what());
        db_.write([&](storage::Transaction& tx) { store_.mark_dead(tx.conn(), job.id, node_id_, error, now); });
    }
    spdlog::error("job #{} ({}) is dead after {} attempt(s): {}", job.id, job.kind, job.attempts, error);
}

double JobRunner::random_unit() {
    std::lock_guard lock(random_mutex_);
    return std::uniform_real_distribution<double>(0.0, 1.0)(random_);
}

}  // namespace orbita::kernel::jobs
