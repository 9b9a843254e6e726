// SPDX-License-Identifier: Apache-2.0
// What administrators may do with jobs: list, inspect, re-run, cancel.
#pragma once

#include "core/actor.hpp"
#include "jobs/job_queue.hpp"
#include "jobs/job_store.hpp"
#include "records/list_query.hpp"

#include <nlohmann/json.hpp>

namespace orbita::kernel {
namespace acl {
class AccessAdmin;
}
namespace audit {
class AuditLog;
}
}  // namespace orbita::kernel

namespace orbita::kernel::jobs {

/// Behind /api/v1/admin/jobs. Jobs carry business data in their payloads, so every
/// operation is for administrators only (403, audited, otherwise); re-runs and
/// cancellations are audited too.
class JobAdmin {
public:
    JobAdmin(storage::Database& db, JobStore& store, JobQueue& queue, acl::AccessAdmin& access, audit::AuditLog& audit,
             const Clock& clock)
        : db_(db), store_(store), queue_(queue), access_(access), audit_(audit), clock_(clock) {}

    /// ?state=&kind=&limit=&cursor=, newest first.
    nlohmann::json list(const Actor& actor, const records::QueryParams& params);
    nlohmann::json get(const Actor& actor, std::int64_t id);
    /// A dead, cancelled or pending job runs again now with fresh attempts (409 for a
    /// job that is running or done).
    nlohmann::json retry(const Actor& actor, std::int64_t id);
    /// A pending or dead job will not run (409 for one that is running or done).
    nlohmann::json cancel(const Actor& actor, std::int64_t id);

private:
    JobRecord existing(storage::Connection& conn, std::int64_t id);

    storage::Database& db_;
    JobStore& store_;
    JobQueue& queue_;
    acl::AccessAdmin& access_;
    audit::AuditLog& audit_;
    const Clock& clock_;
};

}  // namespace orbita::kernel::jobs
