// SPDX-License-Identifier: Apache-2.0
// Security events: sign-ins, refusals, changes of rights and tokens.
#pragma once

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "storage/database.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace orbita::kernel::audit {

/// One security event to record.
struct AuditEvent {
    std::string action;            ///< "auth.login", "auth.login_failed", "access.denied", "role.updated", ...
    std::int64_t actor_id = 0;     ///< 0 when unknown (failed sign-in) or a system actor
    std::string actor;             ///< login or "system:<name>" or the login that was tried
    std::string entity_type;       ///< optional subject
    std::int64_t record_id = 0;    ///< optional subject
    nlohmann::json details = nlohmann::json::object();
};

/// Appends to `audit_log`. The request id and client address of the current request
/// are added automatically. Called inside a write transaction, the entry is written
/// right after that transaction ends, whatever its outcome: a refused write that rolls
/// back still leaves its audit entry.
class AuditLog {
public:
    AuditLog(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    void record(const AuditEvent& event);
    /// Convenience for events caused by `actor`.
    void record(const Actor& actor, std::string action, nlohmann::json details = nlohmann::json::object(),
                std::string entity_type = {}, std::int64_t record_id = 0);

private:
    void write(const AuditEvent& e, const std::string& request_id, const std::string& ip, const std::string& at);

    storage::Database& db_;
    const Clock& clock_;
};

}  // namespace orbita::kernel::audit
