// SPDX-License-Identifier: Apache-2.0
// Physical column shapes shared by both SQL backends.
#pragma once

namespace orbita::kernel::storage {

/// How a value is stored. Entity field types map onto these (see entity/field_type.hpp).
enum class ColumnType { BigInt, Double, Text, Bool, Date, Timestamp, Time, Json };

/// How a value is read back through SOCI: every column is fetched as one of these.
enum class ReadKind { Int, Real, Text };

inline ReadKind read_kind(ColumnType t) {
    switch (t) {
        case ColumnType::BigInt:
        case ColumnType::Bool: return ReadKind::Int;
        case ColumnType::Double: return ReadKind::Real;
        default: return ReadKind::Text;
    }
}

}  // namespace orbita::kernel::storage
