// SPDX-License-Identifier: Apache-2.0
#include "audit/audit_log.hpp"

#include "log/request_context.hpp"

#include <spdlog/spdlog.h>

namespace orbita::kernel::audit {

using storage::SqlFragment;
using storage::SqlValue;

void AuditLog::record(const AuditEvent& e) {
    // A refusal inside a write transaction must outlive its rollback: the entry is
    // written once the transaction has ended, in a transaction of its own.
    db_.when_done([this, e, request_id = log::current_request_id(), ip = log::current_client_address(),
                   at = format_utc(clock_.now())] { write(e, request_id, ip, at); });
}

void AuditLog::write(const AuditEvent& e, const std::string& request_id, const std::string& ip, const std::string& at) {
    try {
        db_.write([&](storage::Transaction& tx) {
            SqlFragment q("INSERT INTO audit_log (at, actor_id, actor, action, entity_type, record_id, details, ip, request_id) VALUES (");
            q.bind(at).sql(", ");
            q.bind(e.actor_id > 0 ? SqlValue(e.actor_id) : SqlValue{}).sql(", ").bind(e.actor).sql(", ").bind(e.action).sql(", ");
            q.bind(e.entity_type.empty() ? SqlValue{} : SqlValue(e.entity_type)).sql(", ");
            q.bind(e.record_id > 0 ? SqlValue(e.record_id) : SqlValue{}).sql(", ").bind(e.details.dump()).sql(", ");
            q.bind(ip.empty() ? SqlValue{} : SqlValue(ip)).sql(", ").bind(request_id.empty() ? SqlValue{} : SqlValue(request_id)).sql(")");
            tx.conn().exec(q);
        });
    } catch (const std::exception& ex) {
        // Losing an audit row must be loud, but must not turn a refusal into a 500.
        spdlog::error("could not write audit event {} by {}: {}", e.action, e.actor, ex.what());
    }
}

void AuditLog::record(const Actor& actor, std::string action, nlohmann::json details, std::string entity_type,
                      std::int64_t record_id) {
    record(AuditEvent{std::move(action), actor.user_id, actor.login, std::move(entity_type), record_id, std::move(details)});
}

}  // namespace orbita::kernel::audit
