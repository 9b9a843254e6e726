// SPDX-License-Identifier: Apache-2.0
// Which code runs a job of a given kind.
#pragma once

#include "jobs/job.hpp"
#include "jobs/retry_policy.hpp"

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace orbita::kernel::storage {
class Transaction;
}

namespace orbita::kernel::jobs {

/// What a handler gets: the job (payload, attempt number) and, for transactional
/// handlers, the write transaction that will also mark the job done.
struct JobContext {
    const JobRecord& job;
    storage::Transaction* tx = nullptr;
    TimePoint now{};
};

/// Thrown by a handler when trying again cannot help (a malformed payload, a
/// receiver that refused the request for good): the job becomes dead at once.
class PermanentJobError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// How jobs of one kind run.
///
/// A transactional handler runs inside the write transaction that marks its job done,
/// so its database effects and the completion commit together or not at all: with a
/// lease check in that transaction, each such job takes effect exactly once, even when
/// a node dies mid-run. A handler that talks to the outside world (HTTP, SMTP) must not
/// hold a write transaction that long; it runs outside one and is therefore
/// at-least-once: it must be idempotent (the outbox passes idempotency keys along).
struct JobHandler {
    std::function<void(JobContext&)> run;
    bool transactional = true;
    /// Retries for this kind; unset takes the configured default (`jobs` section).
    std::optional<RetryPolicy> retry{};
    /// Called in the transaction that makes a job of this kind dead, so state that
    /// mirrors the job (an outbox message) turns "failed" atomically with it.
    std::function<void(storage::Transaction&, const JobRecord&, const std::string& error)> on_dead{};
    std::string owner = "kernel";
};

/// Handlers by job kind ("outbox.deliver", "bookmarks.refresh"). Kinds are registered
/// once, at start-up, by the kernel and plugins; scheduling an unknown kind is a bug.
class JobHandlerRegistry {
public:
    /// Throws std::invalid_argument when `kind` is empty, has no run function or is
    /// already registered (naming both owners).
    void add(const std::string& kind, JobHandler handler);
    /// The handler of `kind`, or nullopt (copied: handlers are small and immutable).
    std::optional<JobHandler> find(const std::string& kind) const;
    bool contains(const std::string& kind) const;
    std::vector<std::string> kinds() const;

private:
    mutable std::mutex mutex_;
    std::map<std::string, JobHandler> handlers_;
};

}  // namespace orbita::kernel::jobs
