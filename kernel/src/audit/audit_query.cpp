// SPDX-License-Identifier: Apache-2.0
#include "audit/audit_query.hpp"

#include "core/clock.hpp"
#include "core/problem.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>

#include <charconv>
#include <sstream>

namespace orbita::kernel::audit {

using storage::ReadKind;
using storage::SqlFragment;
using storage::SqlValue;

namespace {

std::int64_t parse_id(const std::string& name, const std::string& value) {
    std::int64_t n = 0;
    auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || ptr != value.data() + value.size() || n <= 0)
        throw Problem::bad_request(name + " must be a positive id", {{name, "invalid_value", "must be a positive id"}});
    return n;
}

std::string parse_time(const std::string& name, const std::string& value) {
    std::string v = value.size() == 10 ? value + "T00:00:00Z" : value;
    auto t = parse_iso_datetime(v);
    if (!t) throw Problem::bad_request(name + " must be an ISO 8601 date or date-time", {{name, "invalid_value", "not a date-time"}});
    return format_utc(*t);
}

std::string encode_cursor(const nlohmann::json& j) {
    std::ostringstream out;
    Poco::Base64Encoder enc(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
    enc.rdbuf()->setLineLength(0);
    enc << j.dump();
    enc.close();
    return out.str();
}

nlohmann::json decode_cursor(const std::string& text) {
    try {
        std::istringstream in(text);
        Poco::Base64Decoder dec(in, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
        std::string raw((std::istreambuf_iterator<char>(dec)), std::istreambuf_iterator<char>());
        auto j = nlohmann::json::parse(raw);
        if (j.is_array() && j.size() == 3 && j[0].is_string() && j[1].is_string() && j[2].is_number_integer()) return j;
    } catch (const std::exception&) {
    }
    throw Problem(400, "invalid-cursor", "Invalid cursor", "the cursor is malformed; start again without one");
}

// One arm of the UNION: the same columns from either table, filtered alike.
SqlFragment arm(const storage::Dialect& d, bool history, const AuditFilter& f) {
    const std::string at = d.select_expr("a.at", storage::ColumnType::Timestamp);
    SqlFragment q;
    if (history) {
        q.sql("SELECT 'record' AS source, a.id, " + at + " AS at_text, a.at AS at_sort, a.actor_id, u.login AS actor, "
              "'record.' || a.action AS action, a.entity_type, a.record_id, " +
              d.select_expr("a.changes", storage::ColumnType::Json) +
              " AS details, NULL AS ip, a.request_id FROM record_history a LEFT JOIN \"user\" u ON u.id = a.actor_id WHERE 1 = 1");
    } else {
        q.sql("SELECT 'security' AS source, a.id, " + at + " AS at_text, a.at AS at_sort, a.actor_id, a.actor, a.action, "
              "a.entity_type, a.record_id, " + d.select_expr("a.details", storage::ColumnType::Json) +
              " AS details, a.ip, a.request_id FROM audit_log a WHERE 1 = 1");
    }
    if (f.user_id) q.sql(" AND a.actor_id = ").bind(*f.user_id);
    if (!f.entity_type.empty()) q.sql(" AND a.entity_type = ").bind(f.entity_type);
    if (f.record_id) q.sql(" AND a.record_id = ").bind(*f.record_id);
    if (!f.from.empty()) q.sql(" AND a.at >= ").bind(f.from);
    if (!f.to.empty()) q.sql(" AND a.at < ").bind(f.to);
    if (!f.action_prefix.empty()) {
        std::string prefix = f.action_prefix;
        if (history) {
            if (prefix.rfind("record.", 0) != 0 && std::string("record.").rfind(prefix, 0) != 0) return SqlFragment();
            prefix = prefix.size() > 7 ? prefix.substr(7) : "";
        }
        if (!prefix.empty()) q.sql(" AND substr(a.action, 1, " + std::to_string(prefix.size()) + ") = ").bind(prefix);
    }
    if (!f.cursor.empty()) {
        auto c = decode_cursor(f.cursor);
        // Rows strictly after the cursor in (at DESC, source DESC, id DESC) order.
        const std::string source = history ? "record" : "security";
        q.sql(" AND (a.at < ").bind(c[0].get<std::string>()).sql(" OR (a.at = ").bind(c[0].get<std::string>());
        if (source < c[1].get<std::string>()) {
            q.sql(")");
        } else if (source == c[1].get<std::string>()) {
            q.sql(" AND a.id < ").bind(c[2].get<std::int64_t>()).sql(")");
        } else {
            q.sql(" AND 1 = 0)");
        }
        q.sql(")");
    }
    return q;
}

}  // namespace

AuditFilter AuditFilter::parse(const records::QueryParams& params) {
    records::reject_unknown_params(params, {"user", "type", "record", "action", "from", "to", "limit", "cursor"});
    AuditFilter f;
    for (const auto& [k, v] : params) {
        if (k == "user") f.user_id = parse_id("user", v);
        if (k == "type") f.entity_type = v;
        if (k == "record") f.record_id = parse_id("record", v);
        if (k == "action") f.action_prefix = v;
        if (k == "from") f.from = parse_time("from", v);
        if (k == "to") f.to = parse_time("to", v);
        if (k == "cursor") f.cursor = v;
        if (k == "limit") {
            auto n = parse_id("limit", v);
            if (n > 500) throw Problem::bad_request("limit must be 1..500", {{"limit", "out_of_range", "must be 1..500"}});
            f.limit = static_cast<int>(n);
        }
    }
    return f;
}

nlohmann::json query_audit(storage::Database& db, const AuditFilter& f) {
    return db.read([&](storage::Connection& conn) {
        const auto& d = conn.dialect();
        SqlFragment security = arm(d, false, f), history = arm(d, true, f);
        SqlFragment q("SELECT source, id, at_text, actor_id, actor, action, entity_type, record_id, details, ip, request_id FROM (");
        bool first = true;
        for (auto* part : {&security, &history}) {
            if (part->empty()) continue;
            if (!first) q.sql(" UNION ALL ");
            q.append(*part);
            first = false;
        }
        q.sql(") AS merged ORDER BY at_sort DESC, source DESC, id DESC LIMIT ").bind(static_cast<std::int64_t>(f.limit + 1));
        auto rows = conn.query(q, {ReadKind::Text, ReadKind::Int, ReadKind::Text, ReadKind::Int, ReadKind::Text, ReadKind::Text,
                                   ReadKind::Text, ReadKind::Int, ReadKind::Text, ReadKind::Text, ReadKind::Text});
        nlohmann::json items = nlohmann::json::array();
        std::optional<std::string> next;
        for (std::size_t i = 0; i < rows.size() && i < static_cast<std::size_t>(f.limit); ++i) {
            const auto& r = rows[i];
            auto details = nlohmann::json::parse(storage::as_text(r[8]).value_or("{}"), nullptr, false);
            std::string actor = storage::as_text(r[4]).value_or("");
            if (details.is_object() && details.contains("_actor")) {
                actor = details["_actor"];
                details = details["fields"];
            }
            auto opt = [](const SqlValue& v) { return storage::is_null(v) ? nlohmann::json(nullptr) : nlohmann::json(*storage::as_text(v)); };
            auto opt_int = [](const SqlValue& v) { return storage::is_null(v) ? nlohmann::json(nullptr) : nlohmann::json(*storage::as_int(v)); };
            items.push_back({{"source", *storage::as_text(r[0])}, {"id", *storage::as_int(r[1])}, {"at", *storage::as_text(r[2])},
                             {"actor_id", opt_int(r[3])}, {"actor", actor}, {"action", *storage::as_text(r[5])},
                             {"entity_type", opt(r[6])}, {"record_id", opt_int(r[7])}, {"details", details},
                             {"ip", opt(r[9])}, {"request_id", opt(r[10])}});
            if (i + 1 == static_cast<std::size_t>(f.limit) && rows.size() > static_cast<std::size_t>(f.limit))
                next = encode_cursor({items.back()["at"], items.back()["source"], items.back()["id"]});
        }
        return nlohmann::json{{"items", items}, {"next_cursor", next ? nlohmann::json(*next) : nlohmann::json(nullptr)}};
    });
}

}  // namespace orbita::kernel::audit
