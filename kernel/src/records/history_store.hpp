// SPDX-License-Identifier: Apache-2.0
// The change history of records: who changed which fields, from what to what.
#pragma once

#include "core/actor.hpp"
#include "storage/connection.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace orbita::kernel::records {

/// Rows of `record_history`; written in the same transaction as the change.
class HistoryStore {
public:
    /// Appends one entry. `changes` maps field -> {"old": ..., "new": ...} in API form.
    static void append(storage::Connection& conn, const std::string& type, std::int64_t record_id,
                       std::int64_t version, const std::string& action, const Actor& actor, const std::string& at,
                       const nlohmann::json& changes);
    /// Newest first: [{version, action, at, actor_id, actor, changes}], at most `limit`,
    /// older than history id `before` when given (keyset paging).
    static nlohmann::json list(storage::Connection& conn, const std::string& type, std::int64_t record_id, int limit,
                               std::int64_t before);
};

}  // namespace orbita::kernel::records
