// SPDX-License-Identifier: Apache-2.0
// Checks that need the database: referenced records exist, unique values are free.
#pragma once

#include "entity/type_registry.hpp"
#include "records/record_input.hpp"
#include "records/record_layout.hpp"

namespace orbita::kernel::records {

/// Every ref/refs/user/file value must point at an existing row: 422 listing each
/// dangling id. Done in code (not by foreign keys) so the error names the field.
void check_references(storage::Connection& conn, const entity::TypeRegistry& registry,
                      const std::vector<FieldWrite>& writes);

/// Unique fields must not collide with another record: 409 naming the field and the
/// holder. The unique index stays the final guard against races.
void check_unique(storage::Connection& conn, const RecordLayout& layout, const std::vector<FieldWrite>& writes,
                  std::int64_t exclude_id);

}  // namespace orbita::kernel::records
