// SPDX-License-Identifier: Apache-2.0
#include "notifications/notification_store.hpp"

#include "jobs/job.hpp"

namespace orbita::kernel::notifications {

using jobs::from_millis;
using jobs::to_millis;
using storage::ReadKind;
using storage::SqlFragment;
using storage::SqlValue;

namespace {

constexpr const char* kColumns =
    "SELECT id, recipient_id, title, body, record_type, record_id, source, created_at, read_at FROM notifications";

const std::vector<ReadKind> kKinds = {ReadKind::Int,  ReadKind::Int, ReadKind::Text, ReadKind::Text, ReadKind::Text,
                                      ReadKind::Int,  ReadKind::Text, ReadKind::Int, ReadKind::Int};

Notification decode(const storage::Row& r) {
    auto text = [](const SqlValue& v) { return storage::as_text(v).value_or(""); };
    Notification n;
    n.id = storage::as_int(r[0]).value_or(0);
    n.recipient_id = storage::as_int(r[1]).value_or(0);
    n.message.title = text(r[2]);
    n.message.body = text(r[3]);
    if (!storage::is_null(r[4])) n.message.link = RecordLink{text(r[4]), storage::as_int(r[5]).value_or(0)};
    n.message.source = text(r[6]);
    n.created_at = from_millis(storage::as_int(r[7]).value_or(0));
    if (auto read = storage::as_int(r[8])) n.read_at = from_millis(*read);
    return n;
}

}  // namespace

std::int64_t NotificationStore::insert(storage::Connection& conn, std::int64_t recipient_id,
                                       const NotificationMessage& m, TimePoint now) {
    SqlFragment q("INSERT INTO notifications (recipient_id, title, body, record_type, record_id, source, created_at) VALUES (");
    q.bind(recipient_id).sql(", ").bind(m.title).sql(", ").bind(m.body).sql(", ");
    q.bind(m.link ? SqlValue(m.link->type) : SqlValue{}).sql(", ").bind(m.link ? SqlValue(m.link->id) : SqlValue{});
    q.sql(", ").bind(m.source).sql(", ").bind(to_millis(now)).sql(") RETURNING id");
    return *conn.query_int(q);
}

std::vector<Notification> NotificationStore::list(storage::Connection& conn, const NotificationFilter& f) {
    SqlFragment q(kColumns);
    q.sql(" WHERE recipient_id = ").bind(f.recipient_id);
    if (f.unread_only) q.sql(" AND read_at IS NULL");
    if (f.before_id) q.sql(" AND id < ").bind(*f.before_id);
    q.sql(" ORDER BY id DESC LIMIT ").bind(std::int64_t{f.limit});
    std::vector<Notification> out;
    for (const auto& row : conn.query(q, kKinds)) out.push_back(decode(row));
    return out;
}

std::optional<Notification> NotificationStore::get(storage::Connection& conn, std::int64_t recipient_id, std::int64_t id) {
    auto row = conn.query_one(
        SqlFragment(kColumns).sql(" WHERE id = ").bind(id).sql(" AND recipient_id = ").bind(recipient_id), kKinds);
    if (!row) return std::nullopt;
    return decode(*row);
}

std::int64_t NotificationStore::unread_count(storage::Connection& conn, std::int64_t recipient_id) {
    return *conn.query_int(
        SqlFragment("SELECT COUNT(*) FROM notifications WHERE recipient_id = ").bind(recipient_id).sql(" AND read_at IS NULL"));
}

bool NotificationStore::mark_read(storage::Connection& conn, std::int64_t recipient_id, std::int64_t id, TimePoint now) {
    conn.exec(SqlFragment("UPDATE notifications SET read_at = ")
                  .bind(to_millis(now))
                  .sql(" WHERE id = ")
                  .bind(id)
                  .sql(" AND recipient_id = ")
                  .bind(recipient_id)
                  .sql(" AND read_at IS NULL"));
    return get(conn, recipient_id, id).has_value();
}

std::int64_t NotificationStore::mark_all_read(storage::Connection& conn, std::int64_t recipient_id, TimePoint now) {
    return conn.exec(SqlFragment("UPDATE notifications SET read_at = ")
                         .bind(to_millis(now))
                         .sql(" WHERE recipient_id = ")
                         .bind(recipient_id)
                         .sql(" AND read_at IS NULL"));
}

}  // namespace orbita::kernel::notifications
