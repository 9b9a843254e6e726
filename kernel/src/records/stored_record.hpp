// SPDX-License-Identifier: Apache-2.0
// A record as read from its table, before it is turned into API JSON.
#pragma once

#include "storage/connection.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace orbita::kernel::records {

/// Column values in the order of the type's RecordLayout, plus the linked ids of
/// many-valued fields.
struct StoredRecord {
    storage::Row row;
    std::map<std::string, std::vector<std::int64_t>> links;

    std::int64_t id() const { return std::get<std::int64_t>(row[0]); }
    std::int64_t version() const { return std::get<std::int64_t>(row[1]); }
    bool archived() const { return !storage::is_null(row[6]); }
};

}  // namespace orbita::kernel::records
