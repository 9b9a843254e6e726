// SPDX-License-Identifier: Apache-2.0
#include "outbox/outbox_admin.hpp"

#include "acl/access_admin.hpp"
#include "audit/audit_log.hpp"
#include "core/problem.hpp"
#include "jobs/admin_list_query.hpp"

namespace orbita::kernel::outbox {

OutboxMessage OutboxAdmin::existing(storage::Connection& conn, std::int64_t id) {
    auto message = store_.get(conn, id);
    if (!message) throw Problem::not_found("outbox message #" + std::to_string(id) + " does not exist");
    return *message;
}

nlohmann::json OutboxAdmin::list(const Actor& actor, const records::QueryParams& params) {
    access_.require_admin(actor, "list outbox messages");
    const auto q = jobs::AdminListQuery::parse(params, {"state", "channel"});
    OutboxFilter filter{q.filter("state"), q.filter("channel"), q.before_id, q.limit};
    if (!filter.state.empty() && filter.state != "pending" && filter.state != "sent" && filter.state != "failed") {
        throw Problem::bad_request("unknown outbox state '" + filter.state + "'",
                                   {{"state", "invalid_value", "must be pending, sent or failed"}});
    }
    auto items = nlohmann::json::array();
    db_.read([&](storage::Connection& conn) {
        for (const auto& m : store_.list(conn, filter)) items.push_back(m.to_json());
    });
    return q.page(std::move(items));
}

nlohmann::json OutboxAdmin::get(const Actor& actor, std::int64_t id) {
    access_.require_admin(actor, "inspect outbox messages");
    return db_.read([&](storage::Connection& conn) { return existing(conn, id).to_json(); });
}

nlohmann::json OutboxAdmin::retry(const Actor& actor, std::int64_t id) {
    access_.require_admin(actor, "retry outbox messages");
    return db_.write([&](storage::Transaction& tx) {
        const auto message = existing(tx.conn(), id);
        const auto now = clock_.now();
        if (!store_.reopen(tx.conn(), id, now)) {
            throw Problem::conflict("outbox-not-retryable", "outbox message #" + std::to_string(id) + " is " + message.state +
                                                                "; only failed messages can be retried");
        }
        if (!jobs_.requeue(tx.conn(), message.job_id, now)) {
            throw Problem::conflict("outbox-not-retryable", "the delivery job of outbox message #" + std::to_string(id) +
                                                                " is still running or already done");
        }
        audit_.record(actor, "outbox.retried", {{"message_id", id}, {"channel", message.channel}});
        queue_.wake_after(tx);
        return existing(tx.conn(), id).to_json();
    });
}

}  // namespace orbita::kernel::outbox
