// SPDX-License-Identifier: Apache-2.0
// RecordRepository, reading side: get and list, as JSON trees (exports, plugins, Lua)
// and as serialised text (the REST endpoints' hot path). Writes: record_repository.cpp.
#include "records/record_repository.hpp"

#include "core/problem.hpp"
#include "records/list_query.hpp"
#include "acl/scope.hpp"

namespace orbita::kernel::records {

using storage::SqlFragment;

nlohmann::json RecordRepository::get(const Actor& actor, const std::string& type, std::int64_t id) {
    auto p = prepare(type);
    return db_.read([&](storage::Connection& conn) { return output(actor, p, visible_or_404(conn, p, actor, id)); });
}

RecordRepository::PageEnd RecordRepository::list_each(const Actor& actor, const Prepared& p, const ListQuery& query,
                                                      const std::string& operation,
                                                      const std::function<void(const StoredRecord&)>& each) {
    if (query.limit < 1 || query.limit > options_.max_page_size)
        throw Problem::bad_request("limit must be 1.." + std::to_string(options_.max_page_size));
    auto keys = parse_sort(*p.layout, query.sort, guard_.gate(actor));
    SqlFragment where = where_clause(p, query.selection, "t", actor, operation);
    SqlFragment page = where;
    if (!query.cursor.empty())
        page.sql(" AND ").append(keyset_predicate(keys, query.cursor, query.sort, db_.dialect(), "t"));
    SqlFragment tail("WHERE ");
    tail.append(page).sql(" " + order_by(keys, db_.dialect(), "t") + " LIMIT ").bind(static_cast<std::int64_t>(query.limit + 1));

    PageEnd end;
    db_.read([&](storage::Connection& conn) {
        auto records = p.layout->load_many(conn, tail);
        const bool more = records.size() > static_cast<std::size_t>(query.limit);
        if (more) records.pop_back();
        for (const auto& r : records) each(r);
        if (more) end.next_cursor = encode_cursor(keys, records.back().row, query.sort);
        if (query.count) {
            SqlFragment count("SELECT COUNT(*) FROM " + db_.dialect().quote(p.type->table()) + " AS t WHERE ");
            end.total = conn.query_int(count.append(where));
        }
    });
    return end;
}

ListResult RecordRepository::list(const Actor& actor, const std::string& type, const ListQuery& query,
                                  const std::string& operation) {
    auto p = prepare(type);
    ListResult result;
    const auto shown = guard_.shown_fields(actor, *p.type);
    auto end = list_each(actor, p, query, operation,
                         [&](const StoredRecord& r) { result.items.push_back(p.layout->to_json(r, codec_, shown)); });
    result.next_cursor = std::move(end.next_cursor);
    result.total = end.total;
    return result;
}

std::string RecordRepository::list_text(const Actor& actor, const std::string& type, const ListQuery& query) {
    auto p = prepare(type);
    const auto shown = guard_.shown_fields(actor, *p.type);
    // Keys in sorted order, as Response::json would write the same document.
    std::string out = "{\"items\":[";
    out.reserve(static_cast<std::size_t>(query.limit) * 1024);
    bool first = true;
    auto end = list_each(actor, p, query, acl::kRead, [&](const StoredRecord& r) {
        if (!first) out += ',';
        first = false;
        p.layout->write_json(out, r, codec_, shown);
    });
    out += "],\"limit\":" + std::to_string(query.limit) + ",\"next_cursor\":";
    out += end.next_cursor ? nlohmann::json(*end.next_cursor).dump() : "null";
    if (end.total) out += ",\"total\":" + std::to_string(*end.total);
    out += '}';
    return out;
}

RecordRepository::RecordText RecordRepository::get_text(const Actor& actor, const std::string& type, std::int64_t id) {
    auto p = prepare(type);
    return db_.read([&](storage::Connection& conn) {
        auto record = visible_or_404(conn, p, actor, id);
        RecordText text;
        text.version = record.version();
        p.layout->write_json(text.json, record, codec_, guard_.shown_fields(actor, *p.type));
        return text;
    });
}

}  // namespace orbita::kernel::records
