// SPDX-License-Identifier: Apache-2.0
#include "notifications/notifications_api.hpp"

#include "core/problem.hpp"
#include "http/router.hpp"
#include "jobs/admin_list_query.hpp"
#include "notifications/notification_store.hpp"
#include "storage/database.hpp"

namespace orbita::kernel::notifications {

using http::Request;
using http::Response;

namespace {

std::int64_t recipient(const Request& r) {
    if (r.actor().user_id <= 0) throw Problem::forbidden("only users have notifications");
    return r.actor().user_id;
}

nlohmann::json list(storage::Database& db, const Request& r) {
    const auto query = jobs::AdminListQuery::parse(r.query(), {"unread"});
    const auto unread = query.filter("unread");
    if (!unread.empty() && unread != "true" && unread != "false")
        throw Problem::bad_request("unread must be true or false", {{"unread", "invalid_value", "must be true or false"}});
    NotificationFilter filter{recipient(r), unread == "true", query.before_id, query.limit};
    return db.read([&](storage::Connection& conn) {
        nlohmann::json items = nlohmann::json::array();
        conn.read_consistently([&] {
            for (const auto& n : NotificationStore::list(conn, filter)) items.push_back(n.to_json());
        });
        auto page = query.page(std::move(items));
        page["unread_count"] = NotificationStore::unread_count(conn, filter.recipient_id);
        return page;
    });
}

}  // namespace

void register_notifications_api(http::Router& router, storage::Database& db, const Clock& clock) {
    const std::string base = "/api/v1/notifications";
    auto add = [&](const char* method, std::string pattern, http::Handler handler, const char* summary) {
        router.add({.method = method, .pattern = std::move(pattern), .handler = std::move(handler), .summary = summary,
                    .tag = "notifications"});
    };
    add("GET", base, [&db](Request& r) { return Response::json(list(db, r)); },
        "The signed-in user's notifications, newest first (?unread=true&limit=&cursor=), with unread_count");
    add("POST", base + "/read-all", [&db, &clock](Request& r) {
            const auto user = recipient(r);
            return Response::json(db.write([&](storage::Transaction& tx) {
                const auto marked = NotificationStore::mark_all_read(tx.conn(), user, clock.now());
                return nlohmann::json{{"marked", marked}, {"unread_count", NotificationStore::unread_count(tx.conn(), user)}};
            }));
        }, "Mark every unread notification of the signed-in user read");
    add("POST", base + "/{id}/read", [&db, &clock](Request& r) {
            const auto user = recipient(r);
            const auto id = r.id_param("id");
            auto n = db.write([&](storage::Transaction& tx) -> std::optional<Notification> {
                if (!NotificationStore::mark_read(tx.conn(), user, id, clock.now())) return std::nullopt;
                return NotificationStore::get(tx.conn(), user, id);
            });
            if (!n) throw Problem::not_found("notification #" + std::to_string(id) + " does not exist");
            return Response::json(n->to_json());
        }, "Mark one of the signed-in user's notifications read");
}

}  // namespace orbita::kernel::notifications
