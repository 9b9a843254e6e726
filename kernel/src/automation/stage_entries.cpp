// SPDX-License-Identifier: Apache-2.0
#include "automation/stage_entries.hpp"

namespace orbita::kernel::automation {

using storage::SqlFragment;

StageEntries::Entered StageEntries::enter(storage::Connection& conn, const std::string& type, std::int64_t record_id,
                                          std::int64_t pipeline_id, std::int64_t stage_id, std::int64_t now_ms, int depth) {
    Entered out;
    // The stay that ends now is the record's only open one.
    out.previous_entry = conn.query_int(SqlFragment("UPDATE stage_entries SET left_at = ").bind(now_ms)
                                            .sql(" WHERE entity_type = ").bind(type).sql(" AND record_id = ").bind(record_id)
                                            .sql(" AND left_at IS NULL RETURNING id"));
    out.entry_id = *conn.query_int(
        SqlFragment("INSERT INTO stage_entries (entity_type, record_id, pipeline_id, stage_id, entered_at, depth) VALUES (")
            .bind(type).sql(", ").bind(record_id).sql(", ").bind(pipeline_id).sql(", ").bind(stage_id).sql(", ").bind(now_ms)
            .sql(", ").bind(std::int64_t{depth}).sql(") RETURNING id"));
    return out;
}

std::optional<std::int64_t> StageEntries::current(storage::Connection& conn, const std::string& type, std::int64_t record_id) {
    return conn.query_int(SqlFragment("SELECT MAX(id) FROM stage_entries WHERE entity_type = ").bind(type)
                              .sql(" AND record_id = ").bind(record_id));
}

}  // namespace orbita::kernel::automation
