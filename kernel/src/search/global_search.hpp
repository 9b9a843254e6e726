// SPDX-License-Identifier: Apache-2.0
// Full-text search across every entity type a user may read.
#pragma once

#include "core/actor.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace orbita::kernel::records {
class RecordRepository;
}

namespace orbita::kernel::search {

/// Runs the records API's own full-text query (`q`: case and ё/е folded, every word a
/// prefix, phones in any format) on each type that declares search fields and that
/// `actor` may read, so the read scope and hidden fields apply exactly as in lists.
/// Answers the first `per_type` hits of each type that has any, types in name order.
class GlobalSearch {
public:
    explicit GlobalSearch(records::RecordRepository& records) : records_(records) {}

    /// 400 for an empty or too long query or a bad per_type (1..20).
    nlohmann::json find(const Actor& actor, const std::string& query, int per_type) const;

private:
    records::RecordRepository& records_;
};

}  // namespace orbita::kernel::search
