// SPDX-License-Identifier: Apache-2.0
#include "records/filter_compiler.hpp"

#include "core/nearest_name.hpp"
#include "entity/schema_sync.hpp"

#include <Poco/UTF8String.h>

#include <regex>
#include <set>

namespace orbita::kernel::records {

using entity::EntityType;
using entity::FieldDef;
using entity::FieldType;
using storage::SqlFragment;
using storage::SqlValue;

std::string utf8_lower(const std::string& text) { return Poco::UTF8::toLower(text); }

std::string like_escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

namespace {

const std::vector<std::string> kOps = {"eq",  "ne",  "lt",       "le",     "gt",      "ge",
                                       "in",  "nin", "contains", "starts", "between", "is_null"};

// URL filters arrive as text: read "42" as a number and "true" as a boolean where the
// field type says so, so filter[amount][gt]=100 means what it says.
nlohmann::json coerce_text(FieldType type, const nlohmann::json& v) {
    if (!v.is_string()) return v;
    const std::string& s = v.get_ref<const std::string&>();
    switch (type) {
        case FieldType::Int:
        case FieldType::Ref:
        case FieldType::User:
        case FieldType::File:
        case FieldType::Duration:
        case FieldType::Refs:
        case FieldType::Files: {
            static const std::regex integer(R"(^-?\d{1,18}$)");
            return std::regex_match(s, integer) ? nlohmann::json(std::stoll(s)) : v;
        }
        case FieldType::Bool:
            if (s == "true" || s == "1") return true;
            if (s == "false" || s == "0") return false;
            return v;
        default: return v;
    }
}

bool is_comparison(const std::string& op) { return op == "lt" || op == "le" || op == "gt" || op == "ge"; }

const char* sql_operator(const std::string& op) {
    if (op == "eq") return " = ";
    if (op == "lt") return " < ";
    if (op == "le") return " <= ";
    if (op == "gt") return " > ";
    return " >= ";
}

}  // namespace

struct FilterCompiler::State {
    std::vector<FieldError> errors;
    int nodes = 0;
    int aliases = 0;
    void error(const std::string& path, const std::string& code, const std::string& message) {
        errors.push_back({path, code, message});
    }
};

SqlFragment FilterCompiler::compile(const EntityType& type, const nlohmann::json& tree, const std::string& alias) const {
    if (tree.is_null() || (tree.is_object() && tree.empty())) return {};
    State state;
    SqlFragment out = node(type, tree, alias, "filter", 1, state);
    if (!state.errors.empty()) {
        std::string detail = "invalid filter: " + state.errors.front().field + ": " + state.errors.front().message;
        throw Problem(400, "invalid-filter", "Invalid filter", detail, std::move(state.errors));
    }
    return out;
}

SqlFragment FilterCompiler::node(const EntityType& type, const nlohmann::json& j, const std::string& alias,
                                 const std::string& path, int depth, State& state) const {
    if (++state.nodes > kMaxNodes) {
        if (state.nodes == kMaxNodes + 1) state.error(path, "too_complex", "a filter may have at most 200 nodes");
        return {};
    }
    if (depth > kMaxDepth) {
        state.error(path, "too_deep", "a filter may nest at most 10 levels");
        return {};
    }
    if (!j.is_object()) {
        state.error(path, "wrong_type", "a filter node must be an object");
        return {};
    }
    for (const char* combinator : {"and", "or"}) {
        if (!j.contains(combinator)) continue;
        if (j.size() != 1) {
            state.error(path, "mixed_node", std::string("'") + combinator + "' must be the only key of its node");
            return {};
        }
        const auto& list = j[combinator];
        if (!list.is_array() || list.empty()) {
            state.error(path + "." + combinator, "wrong_type", "must be a non-empty array of filter nodes");
            return {};
        }
        SqlFragment out("(");
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (i) out.sql(std::string(" ") + (combinator[0] == 'a' ? "AND" : "OR") + " ");
            out.append(node(type, list[i], alias, path + "." + combinator + "[" + std::to_string(i) + "]", depth + 1,
                            state));
        }
        return out.sql(")");
    }
    if (j.contains("not")) {
        if (j.size() != 1) {
            state.error(path, "mixed_node", "'not' must be the only key of its node");
            return {};
        }
        // IS NOT TRUE rather than NOT: a record whose field is empty does not match the
        // inner condition, so it matches its negation (as ne/nin include empty values).
        return SqlFragment("((").append(node(type, j["not"], alias, path + ".not", depth + 1, state)).sql(") IS NOT TRUE)");
    }
    return condition(type, j, alias, path, state);
}

SqlFragment FilterCompiler::condition(const EntityType& type, const nlohmann::json& j, const std::string& alias,
                                      const std::string& path, State& state) const {
    for (const auto& [key, value] : j.items()) {
        if (key != "field" && key != "op" && key != "value") {
            state.error(path + "." + key, "unknown_key",
                        "unknown key '" + key + "': a condition has field, op and value; a node may also be "
                        "and, or, not" + did_you_mean(key, {"field", "op", "value", "and", "or", "not"}));
            return {};
        }
    }
    if (!j.contains("field") || !j["field"].is_string()) {
        state.error(path + ".field", "required", "a condition needs a 'field' name");
        return {};
    }
    if (!j.contains("op") || !j["op"].is_string()) {
        state.error(path + ".op", "required", "a condition needs an 'op'");
        return {};
    }
    const std::string op = j["op"].get<std::string>();
    if (std::find(kOps.begin(), kOps.end(), op) == kOps.end()) {
        state.error(path + ".op", "unknown_operator", "unknown operator '" + op + "'" + did_you_mean(op, kOps));
        return {};
    }
    const nlohmann::json value = j.contains("value") ? j["value"] : nlohmann::json();

    // Walk the reference path: every segment but the last must be a single reference.
    const std::string field_path = j["field"].get<std::string>();
    std::vector<std::string> segments;
    for (std::size_t start = 0;;) {
        auto dot = field_path.find('.', start);
        segments.push_back(field_path.substr(start, dot - start));
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    if (segments.size() > 4) {
        state.error(path + ".field", "too_deep", "a reference path may follow at most three references");
        return {};
    }
    const EntityType* current = &type;
    entity::EntityTypePtr hold;
    std::string current_alias = alias;
    SqlFragment prefix, suffix;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const FieldDef* f = current->field(segments[i]);
        if (!f || (gate_ && !gate_(*current, *f))) {
            state.error(path + ".field", "unknown_field",
                        "unknown field '" + segments[i] + "' of " + current->name() +
                            did_you_mean(segments[i], visible_names(gate_, *current)));
            return {};
        }
        if (i + 1 == segments.size()) {
            SqlFragment inner = entity::is_multi_valued(f->type)
                                    ? multi_condition(*current, *f, current_alias, op, value, path, state)
                                    : field_condition(*current, *f, current_alias, op, value, path, state);
            return SqlFragment(prefix).append(inner).append(suffix);
        }
        if (f->type != FieldType::Ref && f->type != FieldType::User) {
            state.error(path + ".field", "not_a_reference",
                        "'" + segments[i] + "' is not a single reference, so '" + field_path + "' cannot be followed");
            return {};
        }
        hold = registry_.find(f->reference_target());
        if (!hold) {
            state.error(path + ".field", "unknown_type", "the target of '" + segments[i] + "' is not available");
            return {};
        }
        const std::string next_alias = "f" + std::to_string(++state.aliases);
        prefix.sql(current_alias + "." + dialect_.quote(f->name) + " IN (SELECT " + next_alias + ".\"id\" FROM " +
                   dialect_.quote(hold->table()) + " AS " + next_alias + " WHERE ");
        if (scope_) {
            auto visible = scope_(*hold, next_alias);
            if (!visible.empty()) prefix.append(visible).sql(" AND ");
        }
        suffix.sql(")");
        current = hold.get();
        current_alias = next_alias;
    }
    return {};
}

std::optional<bool> FilterCompiler::is_null_flag(const nlohmann::json& value, const std::string& path, State& state) const {
    const auto flag = coerce_text(FieldType::Bool, value);
    if (flag.is_boolean()) return flag.get<bool>();
    state.error(path, "wrong_type", "is_null takes true or false");
    return std::nullopt;
}

std::optional<SqlValue> FilterCompiler::scalar(const FieldDef& f, const nlohmann::json& value, const std::string& path,
                                               State& state) const {
    if (value.is_null()) {
        state.error(path, "null_value", "compare with null using the is_null operator");
        return std::nullopt;
    }
    nlohmann::json v = coerce_text(f.type, value);
    // A bare date is accepted for datetime fields and means midnight UTC.
    if (f.type == FieldType::DateTime && v.is_string() && v.get<std::string>().size() == 10)
        v = v.get<std::string>() + "T00:00:00Z";
    std::vector<FieldError> errors;
    entity::FieldDef relaxed = f;  // filters may compare values a write could not set
    relaxed.minimum.reset();
    relaxed.maximum.reset();
    relaxed.max_length = std::max<std::int64_t>(f.max_length.value_or(0), 100000);
    auto decoded = codec_.decode(relaxed, v, path, errors);
    if (!decoded) {
        for (auto& e : errors) state.errors.push_back(std::move(e));
        return std::nullopt;
    }
    return decoded->columns.at(0);
}

SqlFragment FilterCompiler::field_condition(const EntityType&, const FieldDef& f, const std::string& alias,
                                            const std::string& op, const nlohmann::json& value, const std::string& path,
                                            State& state) const {
    const std::string column = alias + "." + dialect_.quote(entity::columns_of(f.name, f.type).front().name);
    const std::string vpath = path + ".value";
    if (op == "is_null") {
        auto flag = is_null_flag(value, vpath, state);
        if (!flag) return {};
        return SqlFragment(column + (*flag ? " IS NULL" : " IS NOT NULL"));
    }
    if (f.type == FieldType::Json) {
        state.error(path + ".op", "unsupported_operator", "a json field can only be tested with is_null");
        return {};
    }
    if (op == "contains" || op == "starts") {
        if (!entity::is_textual(f.type)) {
            state.error(path + ".op", "unsupported_operator",
                        op + " applies to text fields; '" + f.name + "' is " + std::string(entity::to_string(f.type)));
            return {};
        }
        if (!value.is_string() || value.get<std::string>().empty() || value.get<std::string>().size() > 200) {
            state.error(vpath, "wrong_type", op + " takes a non-empty string of at most 200 bytes");
            return {};
        }
        std::string needle = value.get<std::string>();
        std::string haystack = column;
        if (f.type == FieldType::Phone) {
            std::string digits;
            for (char c : needle) {
                if (c >= '0' && c <= '9') digits += c;
            }
            if (digits.empty()) {
                state.error(vpath, "invalid_phone", "a phone search needs digits");
                return {};
            }
            needle = digits;
        } else {
            needle = utf8_lower(needle);
            haystack = dialect_.lower(column);
        }
        std::string pattern = (op == "contains" ? "%" : "") + like_escape(needle) + "%";
        return SqlFragment(haystack + " LIKE ").bind(pattern).sql(" ESCAPE '\\'");
    }
    if ((is_comparison(op) || op == "between") && !entity::is_orderable(f.type)) {
        state.error(path + ".op", "unsupported_operator",
                    "'" + f.name + "' (" + std::string(entity::to_string(f.type)) + ") cannot be compared with " + op);
        return {};
    }
    if (op == "eq" || is_comparison(op)) {
        auto v = scalar(f, value, vpath, state);
        if (!v) return {};
        return SqlFragment(column + sql_operator(op)).bind(*v);
    }
    if (op == "ne") {
        auto v = scalar(f, value, vpath, state);
        if (!v) return {};
        return SqlFragment("(" + column + " <> ").bind(*v).sql(" OR " + column + " IS NULL)");
    }
    if (op == "between") {
        if (!value.is_array() || value.size() != 2) {
            state.error(vpath, "wrong_type", "between takes an array of two values [from, to]");
            return {};
        }
        auto from = scalar(f, value[0], vpath + "[0]", state);
        auto to = scalar(f, value[1], vpath + "[1]", state);
        if (!from || !to) return {};
        return SqlFragment("(" + column + " BETWEEN ").bind(*from).sql(" AND ").bind(*to).sql(")");
    }
    // in / nin
    if (!value.is_array() || value.empty() || value.size() > kMaxListValues) {
        state.error(vpath, "wrong_type", op + " takes a non-empty array of at most 500 values");
        return {};
    }
    SqlFragment list;
    for (std::size_t i = 0; i < value.size(); ++i) {
        auto v = scalar(f, value[i], vpath + "[" + std::to_string(i) + "]", state);
        if (!v) return {};
        if (i) list.sql(", ");
        list.bind(*v);
    }
    if (op == "in") return SqlFragment(column + " IN (").append(list).sql(")");
    return SqlFragment("(" + column + " NOT IN (").append(list).sql(") OR " + column + " IS NULL)");
}

SqlFragment FilterCompiler::multi_condition(const EntityType& type, const FieldDef& f, const std::string& alias,
                                            const std::string& op, const nlohmann::json& value,
                                            const std::string& path, State& state) const {
    const std::string exists = "EXISTS (SELECT 1 FROM " + dialect_.quote(entity::SchemaSync::link_table(type, f)) +
                               " AS l WHERE l.record_id = " + alias + ".\"id\"";
    const std::string vpath = path + ".value";
    if (op == "is_null") {
        auto flag = is_null_flag(value, vpath, state);
        if (!flag) return {};
        return SqlFragment((*flag ? "NOT " : "") + exists + ")");
    }
    auto id_of = [&](const nlohmann::json& raw, const std::string& p) -> std::optional<std::int64_t> {
        const auto v = coerce_text(FieldType::Refs, raw);
        if (!v.is_number_integer() || v.get<std::int64_t>() <= 0) {
            state.error(p, "wrong_type", "must be a positive record id");
            return std::nullopt;
        }
        return v.get<std::int64_t>();
    };
    if (op == "contains") {
        auto id = id_of(value, vpath);
        if (!id) return {};
        return SqlFragment(exists + " AND l.target_id = ").bind(*id).sql(")");
    }
    if (op == "in" || op == "nin") {
        if (!value.is_array() || value.empty() || value.size() > kMaxListValues) {
            state.error(vpath, "wrong_type", op + " takes a non-empty array of at most 500 ids");
            return {};
        }
        SqlFragment out((op == "nin" ? "NOT " : "") + exists + " AND l.target_id IN (");
        for (std::size_t i = 0; i < value.size(); ++i) {
            auto id = id_of(value[i], vpath + "[" + std::to_string(i) + "]");
            if (!id) return {};
            if (i) out.sql(", ");
            out.bind(*id);
        }
        return out.sql("))");
    }
    state.error(path + ".op", "unsupported_operator",
                "'" + f.name + "' holds several ids: use contains, in, nin or is_null");
    return {};
}

}  // namespace orbita::kernel::records
