// SPDX-License-Identifier: Apache-2.0
// List requests: URL parameters, sort keys and keyset cursors.
#pragma once

#include "entity/entity_type.hpp"
#include "records/field_gate.hpp"
#include "records/record_layout.hpp"
#include "storage/sql_fragment.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace orbita::kernel::records {

/// Decoded query string, in order, repeated keys kept.
using QueryParams = std::vector<std::pair<std::string, std::string>>;

enum class ArchiveFilter { Active, Archived, All };

/// What a list or aggregate request selects.
struct Selection {
    nlohmann::json filter;  ///< a filter tree, or null
    std::string q;          ///< full-text words
    ArchiveFilter archived = ArchiveFilter::Active;
};

/// One list request (GET /api/v1/records/{type}).
struct ListQuery {
    Selection selection;
    std::string sort = "-id";
    int limit = 50;
    std::string cursor;
    bool count = false;
};

/// A sort key resolved against a type.
struct SortKey {
    const entity::FieldDef* field;
    std::string column;  ///< physical column
    int row_index;       ///< index of that column in a RecordLayout row
    bool descending;
};

/// Reads `filter`, `filter[...]`, `q` and `archived`; `consumed` collects the keys used.
Selection parse_selection(const QueryParams& params, std::vector<std::string>& consumed);
/// Reads a whole list request; unknown parameters are a 400 with a hint.
ListQuery parse_list_query(const QueryParams& params, int max_limit);
/// Refuses parameters not in `known` (400 naming the nearest known one).
void reject_unknown_params(const QueryParams& params, const std::vector<std::string>& known);

/// Resolves "-created_at,title" against `layout`; appends `id` as the final tie-breaker.
/// Fields the gate rejects are treated as unknown.
std::vector<SortKey> parse_sort(const RecordLayout& layout, const std::string& spec, const FieldGate& gate = nullptr);
/// "ORDER BY ..." for the keys, NULL sorting as the smallest value on both backends.
std::string order_by(const std::vector<SortKey>& keys, const storage::Dialect& dialect, const std::string& alias);
/// The cursor pointing after `row`.
std::string encode_cursor(const std::vector<SortKey>& keys, const storage::Row& row, const std::string& sort_spec);
/// The predicate selecting rows after the cursor; 400 if the cursor is malformed or
/// was made for another sort.
storage::SqlFragment keyset_predicate(const std::vector<SortKey>& keys, const std::string& cursor,
                                      const std::string& sort_spec, const storage::Dialect& dialect,
                                      const std::string& alias);

}  // namespace orbita::kernel::records
