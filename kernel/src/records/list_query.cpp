// SPDX-License-Identifier: Apache-2.0
#include "records/list_query.hpp"

#include "core/nearest_name.hpp"
#include "core/problem.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>

#include <charconv>
#include <regex>
#include <set>
#include <sstream>

namespace orbita::kernel::records {

using storage::SqlFragment;
using storage::SqlValue;

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == sep) {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    out.push_back(cur);
    return out;
}

// filter[client.phone][contains]=916 -> ("client.phone", "contains")
bool parse_filter_key(const std::string& key, std::string& field, std::string& op) {
    static const std::regex pattern(R"(^filter\[([^\]\[]+)\](?:\[([a-z_]+)\])?$)");
    std::smatch m;
    if (!std::regex_match(key, m, pattern)) return false;
    field = m.str(1);
    op = m[2].matched ? m.str(2) : "eq";
    return true;
}

std::string base64url(const std::string& raw) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
    encoder.rdbuf()->setLineLength(0);
    encoder << raw;
    encoder.close();
    return out.str();
}

std::optional<std::string> unbase64url(const std::string& text) {
    try {
        std::istringstream in(text);
        Poco::Base64Decoder decoder(in, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
        std::string out((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
        return out;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

Problem bad_cursor(const std::string& why) {
    return Problem(400, "invalid-cursor", "Invalid cursor", "the cursor " + why + "; start again without a cursor",
                   {{"cursor", "invalid_cursor", why}});
}

}  // namespace

void reject_unknown_params(const QueryParams& params, const std::vector<std::string>& known) {
    std::vector<FieldError> errors;
    for (const auto& [key, value] : params) {
        if (key.rfind("filter[", 0) == 0) continue;  // validated by the filter parser
        if (std::find(known.begin(), known.end(), key) == known.end())
            errors.push_back({key, "unknown_parameter", "unknown query parameter '" + key + "'" + did_you_mean(key, known)});
    }
    if (!errors.empty()) {
        // Copied before `errors` is moved: argument evaluation order is unspecified.
        std::string detail = errors.front().message;
        throw Problem::bad_request(std::move(detail), std::move(errors));
    }
}

Selection parse_selection(const QueryParams& params, std::vector<std::string>& consumed) {
    Selection sel;
    nlohmann::json conditions = nlohmann::json::array();
    std::vector<FieldError> errors;
    for (const auto& [key, value] : params) {
        std::string field, op;
        if (key == "filter") {
            auto tree = nlohmann::json::parse(value, nullptr, false);
            if (tree.is_discarded() || !tree.is_object()) {
                errors.push_back({"filter", "invalid_json", "filter must be a JSON object (a filter tree)"});
            } else if (!tree.empty()) {
                conditions.push_back(std::move(tree));
            }
        } else if (key.rfind("filter[", 0) == 0) {
            if (!parse_filter_key(key, field, op)) {
                errors.push_back({key, "invalid_filter", "write filters as filter[field]=value or filter[field][op]=value"});
                continue;
            }
            nlohmann::json v = value;
            if (op == "in" || op == "nin" || op == "between") v = split(value, ',');
            conditions.push_back({{"field", field}, {"op", op}, {"value", v}});
        } else if (key == "q") {
            sel.q = value;
        } else if (key == "archived") {
            if (value == "false" || value.empty()) {
                sel.archived = ArchiveFilter::Active;
            } else if (value == "true") {
                sel.archived = ArchiveFilter::Archived;
            } else if (value == "all") {
                sel.archived = ArchiveFilter::All;
            } else {
                errors.push_back({"archived", "invalid_value", "archived is false (default), true or all"});
            }
        }
    }
    if (!errors.empty()) {
        // Copied before `errors` is moved: argument evaluation order is unspecified.
        std::string detail = errors.front().message;
        throw Problem::bad_request(std::move(detail), std::move(errors));
    }
    if (conditions.size() == 1) {
        sel.filter = conditions[0];
    } else if (conditions.size() > 1) {
        sel.filter = {{"and", conditions}};
    }
    consumed.insert(consumed.end(), {"filter", "q", "archived"});
    return sel;
}

ListQuery parse_list_query(const QueryParams& params, int max_limit) {
    std::vector<std::string> known = {"sort", "limit", "cursor", "count"};
    ListQuery query;
    query.selection = parse_selection(params, known);
    reject_unknown_params(params, known);
    for (const auto& [key, value] : params) {
        if (key == "sort") {
            query.sort = value.empty() ? "-id" : value;
        } else if (key == "limit") {
            int n = 0;
            auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (ec != std::errc() || ptr != value.data() + value.size() || n < 1 || n > max_limit)
                throw Problem::bad_request("limit must be a whole number from 1 to " + std::to_string(max_limit),
                                           {{"limit", "out_of_range", "must be 1.." + std::to_string(max_limit)}});
            query.limit = n;
        } else if (key == "cursor") {
            query.cursor = value;
        } else if (key == "count") {
            query.count = value == "true" || value == "1";
        }
    }
    return query;
}

std::vector<SortKey> parse_sort(const RecordLayout& layout, const std::string& spec, const FieldGate& gate) {
    const auto& type = layout.type();
    std::vector<SortKey> keys;
    std::set<std::string> seen;
    std::vector<FieldError> errors;
    auto parts = split(spec, ',');
    if (parts.size() > 4) throw Problem::bad_request("sort by at most four fields", {{"sort", "too_many", "at most 4 keys"}});
    for (auto part : parts) {
        bool desc = false;
        if (!part.empty() && (part[0] == '-' || part[0] == '+')) {
            desc = part[0] == '-';
            part = part.substr(1);
        }
        const entity::FieldDef* f = type.field(part);
        if (!passes(gate, type, f)) {
            errors.push_back({"sort", "unknown_field",
                              "cannot sort by unknown field '" + part + "'" + did_you_mean(part, visible_names(gate, type))});
            continue;
        }
        if (!entity::is_orderable(f->type)) {
            errors.push_back({"sort", "not_sortable", "'" + part + "' (" + std::string(entity::to_string(f->type)) +
                                                          ") cannot be sorted"});
            continue;
        }
        if (!seen.insert(part).second) {
            errors.push_back({"sort", "duplicate", "'" + part + "' appears twice"});
            continue;
        }
        keys.push_back({f, entity::columns_of(f->name, f->type).front().name, layout.column_of(f->name), desc});
    }
    if (!errors.empty()) {
        // Copied before `errors` is moved: argument evaluation order is unspecified.
        std::string detail = errors.front().message;
        throw Problem::bad_request(std::move(detail), std::move(errors));
    }
    if (!seen.count("id")) {
        const entity::FieldDef* id = type.field("id");
        keys.push_back({id, "id", layout.column_of("id"), keys.empty() ? true : keys.back().descending});
    }
    return keys;
}

std::string order_by(const std::vector<SortKey>& keys, const storage::Dialect& dialect, const std::string& alias) {
    std::string out = "ORDER BY ";
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (i) out += ", ";
        out += alias + "." + dialect.quote(keys[i].column) + (keys[i].descending ? " DESC" : " ASC");
        if (keys[i].column != "id") out += dialect.nulls_smallest(keys[i].descending);
    }
    return out;
}

std::string encode_cursor(const std::vector<SortKey>& keys, const storage::Row& row, const std::string& sort_spec) {
    nlohmann::json values = nlohmann::json::array();
    for (const auto& k : keys) {
        const SqlValue& v = row[static_cast<std::size_t>(k.row_index)];
        if (auto i = std::get_if<std::int64_t>(&v)) {
            values.push_back(*i);
        } else if (auto d = std::get_if<double>(&v)) {
            values.push_back(*d);
        } else if (auto s = std::get_if<std::string>(&v)) {
            values.push_back(*s);
        } else {
            values.push_back(nullptr);
        }
    }
    return base64url(nlohmann::json({{"s", sort_spec}, {"v", values}}).dump());
}

SqlFragment keyset_predicate(const std::vector<SortKey>& keys, const std::string& cursor, const std::string& sort_spec,
                             const storage::Dialect& dialect, const std::string& alias) {
    auto raw = unbase64url(cursor);
    if (!raw) throw bad_cursor("is not valid base64url");
    auto doc = nlohmann::json::parse(*raw, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("s") || !doc.contains("v") || !doc["v"].is_array())
        throw bad_cursor("is malformed");
    if (doc["s"] != sort_spec) throw bad_cursor("was made for another sort order");
    const auto& values = doc["v"];
    if (values.size() != keys.size()) throw bad_cursor("does not match the sort keys");
    std::vector<SqlValue> vals;
    for (const auto& v : values) {
        if (v.is_null()) {
            vals.emplace_back(std::monostate{});
        } else if (v.is_number_integer()) {
            vals.emplace_back(v.get<std::int64_t>());
        } else if (v.is_number_float()) {
            vals.emplace_back(v.get<double>());
        } else if (v.is_string()) {
            vals.emplace_back(v.get<std::string>());
        } else {
            throw bad_cursor("holds an invalid value");
        }
    }
    // (k1 after v1) OR (k1 = v1 AND k2 after v2) OR ...; NULL sorts as the smallest value.
    SqlFragment out("(");
    bool any = false;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const std::string col = alias + "." + dialect.quote(keys[i].column);
        SqlFragment after;
        if (storage::is_null(vals[i])) {
            if (keys[i].descending) continue;  // nothing sorts after NULL in descending order
            after.sql(col + " IS NOT NULL");
        } else if (keys[i].descending) {
            after.sql("(" + col + " < ").bind(vals[i]).sql(" OR " + col + " IS NULL)");
        } else {
            after.sql(col + " > ").bind(vals[i]);
        }
        SqlFragment term("(");
        for (std::size_t j = 0; j < i; ++j) {
            const std::string prev = alias + "." + dialect.quote(keys[j].column);
            if (storage::is_null(vals[j])) {
                term.sql(prev + " IS NULL AND ");
            } else {
                term.sql(prev + " = ").bind(vals[j]).sql(" AND ");
            }
        }
        term.append(after).sql(")");
        if (any) out.sql(" OR ");
        out.append(term);
        any = true;
    }
    if (!any) return SqlFragment("1 = 0");
    return out.sql(")");
}

}  // namespace orbita::kernel::records
