// SPDX-License-Identifier: Apache-2.0
// Reading the audit trail: security events and record changes, newest first.
#pragma once

#include "records/list_query.hpp"
#include "storage/database.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace orbita::kernel::audit {

/// Filters of GET /api/v1/audit.
struct AuditFilter {
    std::optional<std::int64_t> user_id;
    std::string entity_type;
    std::optional<std::int64_t> record_id;
    std::string action_prefix;  ///< "auth." matches auth.login and auth.login_failed
    std::string from;           ///< ISO datetime, inclusive
    std::string to;             ///< ISO datetime, exclusive
    int limit = 100;
    std::string cursor;

    /// Reads user, type, record, action, from, to, limit, cursor; 400 on bad values.
    static AuditFilter parse(const records::QueryParams& params);
};

/// Merges `audit_log` (security events) and `record_history` (record changes) into one
/// time-ordered stream, paged by a keyset cursor over (at, source, id).
nlohmann::json query_audit(storage::Database& db, const AuditFilter& filter);

}  // namespace orbita::kernel::audit
