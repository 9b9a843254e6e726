// SPDX-License-Identifier: Apache-2.0
// What administrators may do with outbox messages: list, inspect, retry.
#pragma once

#include "core/actor.hpp"
#include "jobs/job_queue.hpp"
#include "jobs/job_store.hpp"
#include "outbox/outbox_store.hpp"
#include "records/list_query.hpp"

namespace orbita::kernel {
namespace acl {
class AccessAdmin;
}
namespace audit {
class AuditLog;
}
}  // namespace orbita::kernel

namespace orbita::kernel::outbox {

/// Behind /api/v1/admin/outbox; administrators only (messages hold addresses and
/// business data). A retry reopens a failed message and re-runs its delivery job.
class OutboxAdmin {
public:
    OutboxAdmin(storage::Database& db, OutboxStore& store, jobs::JobStore& jobs, jobs::JobQueue& queue,
                acl::AccessAdmin& access, audit::AuditLog& audit, const Clock& clock)
        : db_(db), store_(store), jobs_(jobs), queue_(queue), access_(access), audit_(audit), clock_(clock) {}

    /// ?state=pending|sent|failed&channel=&limit=&cursor=, newest first.
    nlohmann::json list(const Actor& actor, const records::QueryParams& params);
    nlohmann::json get(const Actor& actor, std::int64_t id);
    /// 409 unless the message failed.
    nlohmann::json retry(const Actor& actor, std::int64_t id);

private:
    OutboxMessage existing(storage::Connection& conn, std::int64_t id);

    storage::Database& db_;
    OutboxStore& store_;
    jobs::JobStore& jobs_;
    jobs::JobQueue& queue_;
    acl::AccessAdmin& access_;
    audit::AuditLog& audit_;
    const Clock& clock_;
};

}  // namespace orbita::kernel::outbox
