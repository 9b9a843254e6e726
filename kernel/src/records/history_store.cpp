// SPDX-License-Identifier: Apache-2.0
#include "records/history_store.hpp"

#include "storage/dialect.hpp"

namespace orbita::kernel::records {

using storage::ReadKind;
using storage::SqlFragment;

void HistoryStore::append(storage::Connection& conn, const std::string& type, std::int64_t record_id,
                          std::int64_t version, const std::string& action, const Actor& actor, const std::string& at,
                          const nlohmann::json& changes) {
    SqlFragment q("INSERT INTO record_history (entity_type, record_id, version, action, actor_id, at, changes) VALUES (");
    q.bind(type).sql(", ").bind(record_id).sql(", ").bind(version).sql(", ").bind(action).sql(", ");
    if (actor.user_id > 0) {
        q.bind(actor.user_id);
    } else {
        q.bind(storage::SqlValue{});
    }
    nlohmann::json stored = changes;
    if (actor.system) stored = {{"_actor", actor.login}, {"fields", changes}};
    q.sql(", ").bind(at).sql(", ").bind(stored.dump()).sql(")");
    conn.exec(q);
}

nlohmann::json HistoryStore::list(storage::Connection& conn, const std::string& type, std::int64_t record_id, int limit,
                                  std::int64_t before) {
    const auto& d = conn.dialect();
    SqlFragment q("SELECT h.id, h.version, h.action, h.actor_id, " + d.select_expr("h.at", storage::ColumnType::Timestamp) +
                  ", " + d.select_expr("h.changes", storage::ColumnType::Json) +
                  ", u.login FROM record_history h LEFT JOIN \"user\" u ON u.id = h.actor_id WHERE h.entity_type = ");
    q.bind(type).sql(" AND h.record_id = ").bind(record_id);
    if (before > 0) q.sql(" AND h.id < ").bind(before);
    q.sql(" ORDER BY h.id DESC LIMIT ").bind(static_cast<std::int64_t>(limit));
    nlohmann::json entries = nlohmann::json::array();
    for (auto& row : conn.query(q, {ReadKind::Int, ReadKind::Int, ReadKind::Text, ReadKind::Int, ReadKind::Text,
                                    ReadKind::Text, ReadKind::Text})) {
        auto changes = nlohmann::json::parse(std::get<std::string>(row[5]), nullptr, false);
        nlohmann::json entry = {{"id", std::get<std::int64_t>(row[0])},
                                {"version", std::get<std::int64_t>(row[1])},
                                {"action", std::get<std::string>(row[2])},
                                {"at", std::get<std::string>(row[4])}};
        entry["actor_id"] = storage::is_null(row[3]) ? nlohmann::json(nullptr) : nlohmann::json(std::get<std::int64_t>(row[3]));
        entry["actor"] = storage::as_text(row[6]).value_or("");
        if (changes.is_object() && changes.contains("_actor")) {
            entry["actor"] = changes["_actor"];
            changes = changes["fields"];
        }
        entry["changes"] = changes;
        entries.push_back(std::move(entry));
    }
    return entries;
}

}  // namespace orbita::kernel::records
