// SPDX-License-Identifier: Apache-2.0
#include "jobs/job_queue.hpp"

#include <stdexcept>

namespace orbita::kernel::jobs {

namespace {

constexpr std::size_t kMaxKeyLength = 200;

}  // namespace

RetryPolicy JobQueue::retry_policy(const std::string& kind) const {
    auto handler = handlers_.find(kind);
    return handler && handler->retry ? *handler->retry : default_retry_;
}

ScheduleResult JobQueue::schedule(storage::Transaction& tx, const JobSpec& spec) {
    if (!handlers_.contains(spec.kind)) throw std::invalid_argument("no handler is registered for job kind '" + spec.kind + "'");
    if (spec.idempotency_key.size() > kMaxKeyLength)
        throw std::invalid_argument("job idempotency keys are limited to 200 characters");
    const TimePoint now = clock_.now();
    NewJob job{spec.kind, spec.payload, spec.due.value_or(now), spec.idempotency_key,
               spec.max_attempts > 0 ? spec.max_attempts : retry_policy(spec.kind).max_attempts, std::nullopt};
    auto result = store_.insert(tx.conn(), job, now);
    if (result.created && job.due <= now) wake_after(tx);
    return result;
}

ScheduleResult JobQueue::ensure_periodic(storage::Transaction& tx, const std::string& kind,
                                         std::chrono::milliseconds interval, TimePoint first_due) {
    if (!handlers_.contains(kind)) throw std::invalid_argument("no handler is registered for job kind '" + kind + "'");
    if (interval.count() <= 0) throw std::invalid_argument("periodic job " + kind + " needs a positive interval");
    NewJob job{kind, nlohmann::json::object(), first_due, "periodic", retry_policy(kind).max_attempts, interval};
    auto result = store_.insert(tx.conn(), job, clock_.now());
    if (!result.created) store_.set_interval(tx.conn(), result.id, interval);
    return result;
}

bool JobQueue::cancel(storage::Transaction& tx, const std::string& kind, const std::string& idempotency_key) {
    return store_.cancel_pending(tx.conn(), kind, idempotency_key, clock_.now());
}

void JobQueue::wake_after(storage::Transaction& tx) {
    std::function<void()> waker;
    {
        std::lock_guard lock(mutex_);
        waker = waker_;
    }
    if (waker) tx.after_commit(std::move(waker));
}

void JobQueue::set_waker(std::function<void()> waker) {
    std::lock_guard lock(mutex_);
    waker_ = std::move(waker);
}

}  // namespace orbita::kernel::jobs
