// SPDX-License-Identifier: Apache-2.0
#include "records/aggregate_query.hpp"

#include "core/nearest_name.hpp"
#include "core/problem.hpp"

#include <date/tz.h>

namespace orbita::kernel::records {

using entity::FieldType;
using storage::ReadKind;
using storage::SqlFragment;

namespace {

std::vector<std::string> split_list(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == ',') {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        } else if (c != ' ') {
            cur += c;
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

bool is_numeric(FieldType t) {
    return t == FieldType::Int || t == FieldType::Decimal || t == FieldType::Money || t == FieldType::Duration;
}

std::optional<storage::DateBucket> parse_bucket(const std::string& s) {
    using storage::DateBucket;
    if (s == "day") return DateBucket::Day;
    if (s == "week") return DateBucket::Week;
    if (s == "month") return DateBucket::Month;
    if (s == "quarter") return DateBucket::Quarter;
    if (s == "year") return DateBucket::Year;
    return std::nullopt;
}

}  // namespace

AggregateQuery parse_aggregate_query(const QueryParams& params, const std::string& default_time_zone) {
    std::vector<std::string> known = {"metrics", "group_by", "tz"};
    AggregateQuery query;
    query.selection = parse_selection(params, known);
    reject_unknown_params(params, known);
    query.time_zone = default_time_zone;
    for (const auto& [key, value] : params) {
        if (key == "metrics") query.metrics = split_list(value);
        if (key == "group_by") query.group_by = split_list(value);
        if (key == "tz") query.time_zone = value;
    }
    if (query.metrics.empty()) query.metrics = {"count"};
    return query;
}

AggregatePlan::AggregatePlan(const RecordLayout& layout, const AggregateQuery& query, const storage::Dialect& dialect,
                             const FieldGate& gate)
    : layout_(layout), dialect_(dialect), time_zone_(query.time_zone) {
    const auto& type = layout.type();
    std::vector<FieldError> errors;
    try {
        date::locate_zone(time_zone_);
    } catch (const std::exception&) {
        errors.push_back({"tz", "unknown_time_zone", "unknown time zone '" + time_zone_ + "' (use an IANA name such as Europe/Moscow)"});
    }
    if (query.metrics.size() > 10) errors.push_back({"metrics", "too_many", "at most 10 metrics"});
    if (query.group_by.size() > 2) errors.push_back({"group_by", "too_many", "group by at most two keys"});
    const std::vector<std::string> fns = {"count", "sum", "avg", "min", "max"};
    for (const auto& m : query.metrics) {
        auto colon = m.find(':');
        Metric metric{m, m.substr(0, colon), nullptr};
        if (std::find(fns.begin(), fns.end(), metric.fn) == fns.end()) {
            errors.push_back({"metrics", "unknown_metric", "unknown metric '" + metric.fn + "'" + did_you_mean(metric.fn, fns)});
            continue;
        }
        if (metric.fn == "count") {
            if (colon != std::string::npos) errors.push_back({"metrics", "invalid_metric", "count takes no field"});
            metrics_.push_back(metric);
            continue;
        }
        if (colon == std::string::npos) {
            errors.push_back({"metrics", "invalid_metric", metric.fn + " needs a field: " + metric.fn + ":<field>"});
            continue;
        }
        const std::string name = m.substr(colon + 1);
        metric.field = type.field(name);
        if (!passes(gate, type, metric.field)) {
            errors.push_back({"metrics", "unknown_field", "unknown field '" + name + "'" + did_you_mean(name, visible_names(gate, type))});
        } else if ((metric.fn == "sum" || metric.fn == "avg") && !is_numeric(metric.field->type)) {
            errors.push_back({"metrics", "not_numeric", metric.fn + " needs a number, money or duration field; '" + name + "' is not"});
        } else if (!entity::is_orderable(metric.field->type)) {
            errors.push_back({"metrics", "not_comparable", "'" + name + "' has no minimum or maximum"});
        } else {
            metrics_.push_back(metric);
        }
    }
    for (const auto& g : query.group_by) {
        auto colon = g.find(':');
        const std::string name = g.substr(0, colon);
        const entity::FieldDef* f = type.field(name);
        if (!passes(gate, type, f)) {
            errors.push_back({"group_by", "unknown_field", "unknown field '" + name + "'" + did_you_mean(name, visible_names(gate, type))});
            continue;
        }
        Group group{g, f, std::nullopt, false};
        const bool is_date = f->type == FieldType::Date || f->type == FieldType::DateTime;
        if (colon != std::string::npos) {
            group.bucket = parse_bucket(g.substr(colon + 1));
            if (!is_date || !group.bucket) {
                errors.push_back({"group_by", "invalid_bucket",
                                  "buckets (day, week, month, quarter, year) apply to date and datetime fields"});
                continue;
            }
        } else if (f->type == FieldType::DateTime) {
            errors.push_back({"group_by", "bucket_required", "group a datetime field by a bucket, e.g. " + name + ":month"});
            continue;
        }
        if (entity::is_multi_valued(f->type) || f->type == FieldType::Json || f->type == FieldType::Text ||
            f->type == FieldType::Money || f->type == FieldType::Decimal) {
            errors.push_back({"group_by", "not_groupable", "cannot group by '" + name + "'"});
            continue;
        }
        groups_.push_back(group);
    }
    // Money metrics are split by currency.
    for (const auto& m : metrics_) {
        if (!m.field || m.field->type != FieldType::Money) continue;
        bool present = false;
        for (const auto& g : groups_) present = present || (g.currency_of_money && g.field == m.field);
        if (!present) groups_.push_back({m.field->name + ".currency", m.field, std::nullopt, true});
    }
    if (!errors.empty()) {
        // Copied before `errors` is moved: argument evaluation order is unspecified.
        std::string detail = errors.front().message;
        throw Problem::bad_request(std::move(detail), std::move(errors));
    }
}

std::string AggregatePlan::column(const entity::FieldDef& f) const {
    return "t." + dialect_.quote(entity::columns_of(f.name, f.type).front().name);
}

SqlFragment AggregatePlan::select_list(bool grouped) const {
    SqlFragment s;
    bool first = true;
    auto sep = [&] {
        if (!first) s.sql(", ");
        first = false;
    };
    for (const auto& g : groups_) {
        if (!grouped && !g.currency_of_money) continue;
        sep();
        if (g.currency_of_money) {
            s.sql("t." + dialect_.quote(g.field->name + "_currency"));
        } else if (g.bucket) {
            s.append(dialect_.date_bucket(column(*g.field), g.field->type == FieldType::DateTime, *g.bucket, time_zone_));
        } else {
            s.sql(dialect_.select_expr(column(*g.field), entity::columns_of(g.field->name, g.field->type).front().type));
        }
    }
    for (const auto& m : metrics_) {
        sep();
        if (m.fn == "count") {
            s.sql("COUNT(*)");
        } else {
            std::string fn = m.fn == "sum" ? "SUM" : m.fn == "avg" ? "AVG" : m.fn == "min" ? "MIN" : "MAX";
            auto col_type = entity::columns_of(m.field->name, m.field->type).front().type;
            s.sql(dialect_.select_expr(fn + "(" + column(*m.field) + ")", col_type));
        }
    }
    return s;
}

std::vector<ReadKind> AggregatePlan::kinds(bool grouped) const {
    std::vector<ReadKind> k;
    for (const auto& g : groups_) {
        if (!grouped && !g.currency_of_money) continue;
        if (g.currency_of_money || g.bucket) {
            k.push_back(ReadKind::Text);
        } else {
            k.push_back(storage::read_kind(entity::columns_of(g.field->name, g.field->type).front().type));
        }
    }
    for (const auto& m : metrics_) {
        if (m.fn == "count") {
            k.push_back(ReadKind::Int);
        } else if (m.fn == "avg") {
            k.push_back(ReadKind::Real);
        } else {
            auto col_type = entity::columns_of(m.field->name, m.field->type).front().type;
            k.push_back(m.fn == "sum" ? ReadKind::Real : storage::read_kind(col_type));
        }
    }
    return k;
}

nlohmann::json AggregatePlan::metric_values(const storage::Row& row, std::size_t first, bool grouped) const {
    nlohmann::json values = nlohmann::json::object();
    for (std::size_t i = 0; i < metrics_.size(); ++i) {
        const auto& m = metrics_[i];
        const auto& v = row[first + i];
        if (storage::is_null(v)) {
            values[m.label] = nullptr;
            continue;
        }
        if (m.fn == "count") {
            values[m.label] = *storage::as_int(v);
            continue;
        }
        const auto t = m.field->type;
        if (t == FieldType::Money || t == FieldType::Decimal) {
            int exponent = m.field->scale;
            if (t == FieldType::Money) {
                exponent = 2;
                std::size_t gi = 0;
                for (const auto& g : groups_) {
                    if (!grouped && !g.currency_of_money) continue;
                    if (g.currency_of_money && g.field == m.field) {
                        exponent = entity::currency_exponent(storage::as_text(row[gi]).value_or("RUB"));
                    }
                    ++gi;
                }
            }
            values[m.label] = *storage::as_double(v) / static_cast<double>(entity::pow10(exponent));
        } else if (t == FieldType::Int || t == FieldType::Duration) {
            if (m.fn == "avg") {
                values[m.label] = *storage::as_double(v);
            } else {
                values[m.label] = static_cast<std::int64_t>(*storage::as_double(v));
            }
        } else {
            values[m.label] = storage::as_text(v).value_or("");
        }
    }
    return values;
}

nlohmann::json AggregatePlan::run(storage::Connection& conn, const SqlFragment& where,
                                  const entity::ValueCodec& codec) const {
    nlohmann::json result = {{"metrics", nlohmann::json::array()}, {"group_by", nlohmann::json::array()}};
    for (const auto& m : metrics_) result["metrics"].push_back(m.label);
    for (const auto& g : groups_) result["group_by"].push_back(g.label);
    const std::string from = " FROM " + dialect_.quote(layout_.type().table()) + " AS t WHERE ";

    auto run_query = [&](bool grouped) {
        std::size_t group_count = 0;
        for (const auto& g : groups_) {
            if (grouped || g.currency_of_money) ++group_count;
        }
        SqlFragment q("SELECT ");
        q.append(select_list(grouped)).sql(from).append(where);
        if (group_count > 0) {
            std::string ordinals, order;
            for (std::size_t i = 1; i <= group_count; ++i) {
                ordinals += (i > 1 ? ", " : "") + std::to_string(i);
                // The empty group first on both backends, as NULL sorts in lists.
                order += (i > 1 ? ", " : "") + std::to_string(i) + dialect_.nulls_smallest(false);
            }
            q.sql(" GROUP BY " + ordinals + " ORDER BY " + order);
        }
        q.sql(" LIMIT " + std::to_string(kMaxGroups + 1));
        auto rows = conn.query(q, kinds(grouped));
        nlohmann::json out = nlohmann::json::array();
        for (std::size_t r = 0; r < rows.size() && r < static_cast<std::size_t>(kMaxGroups); ++r) {
            const auto& row = rows[r];
            nlohmann::json key = nlohmann::json::object();
            std::size_t i = 0;
            for (const auto& g : groups_) {
                if (!grouped && !g.currency_of_money) continue;
                const auto& v = row[i++];
                if (g.currency_of_money || g.bucket || storage::is_null(v)) {
                    key[g.label] = storage::is_null(v) ? nlohmann::json(nullptr) : nlohmann::json(*storage::as_text(v));
                } else {
                    storage::Row one = {v};
                    if (g.field->type == FieldType::Phone) one.push_back(std::string());
                    key[g.label] = g.field->type == FieldType::Phone ? nlohmann::json(*storage::as_text(v))
                                                                   : codec.encode(*g.field, one, 0);
                }
            }
            out.push_back({{"key", key}, {"values", metric_values(row, group_count, grouped)}});
        }
        return std::make_pair(out, rows.size() > static_cast<std::size_t>(kMaxGroups));
    };

    auto [rows, truncated] = run_query(true);
    result["rows"] = rows;
    result["truncated"] = truncated;
    bool has_user_groups = false;
    for (const auto& g : groups_) has_user_groups = has_user_groups || !g.currency_of_money;
    if (has_user_groups) result["totals"] = run_query(false).first;
    return result;
}

}  // namespace orbita::kernel::records
