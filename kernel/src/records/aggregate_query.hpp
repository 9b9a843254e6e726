// SPDX-License-Identifier: Apache-2.0
// GET /api/v1/records/{type}/aggregate: count/sum/avg/min/max grouped by fields or date buckets.
#pragma once

#include "entity/value_codec.hpp"
#include "records/list_query.hpp"
#include "records/record_layout.hpp"
#include "storage/dialect.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace orbita::kernel::records {

/// A parsed aggregate request.
struct AggregateQuery {
    Selection selection;
    std::vector<std::string> metrics = {"count"};  ///< "count", "sum:amount", "avg:amount", ...
    std::vector<std::string> group_by;             ///< "status", "created_at:month"
    std::string time_zone;                         ///< for datetime buckets
};

/// Reads `metrics`, `group_by`, `tz` and the selection parameters.
AggregateQuery parse_aggregate_query(const QueryParams& params, const std::string& default_time_zone);

/// Builds and runs the aggregate SQL for one type. Money metrics are additionally
/// grouped by currency (sums across currencies would mean nothing): each row's key
/// then carries "<field>.currency".
class AggregatePlan {
public:
    /// Validates metrics and group keys against the type (400 with every problem).
    /// Fields the gate rejects are treated as unknown.
    AggregatePlan(const RecordLayout& layout, const AggregateQuery& query, const storage::Dialect& dialect,
                  const FieldGate& gate = nullptr);

    /// Runs the plan with `where` (archive state, filter, search, scope) already built.
    /// Answers {"group_by": [...], "metrics": [...], "rows": [{"key": {...}, "values": {...}}],
    /// "totals": {...}, "truncated": bool}.
    nlohmann::json run(storage::Connection& conn, const storage::SqlFragment& where,
                       const entity::ValueCodec& codec) const;

    static constexpr int kMaxGroups = 1000;

private:
    struct Metric {
        std::string label;
        std::string fn;
        const entity::FieldDef* field = nullptr;
    };
    struct Group {
        std::string label;
        const entity::FieldDef* field = nullptr;
        std::optional<storage::DateBucket> bucket;
        bool currency_of_money = false;
    };
    storage::SqlFragment select_list(bool grouped) const;
    std::vector<storage::ReadKind> kinds(bool grouped) const;
    nlohmann::json metric_values(const storage::Row& row, std::size_t first, bool grouped) const;
    std::string column(const entity::FieldDef& f) const;

    const RecordLayout& layout_;
    const storage::Dialect& dialect_;
    std::string time_zone_;
    std::vector<Metric> metrics_;
    std::vector<Group> groups_;
};

}  // namespace orbita::kernel::records
