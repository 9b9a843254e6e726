// SPDX-License-Identifier: Apache-2.0
// The field types an entity declaration may use, and how each one is stored.
#pragma once

#include "storage/column_type.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orbita::kernel::entity {

/// Architecture §2.1 field types plus `autonumber` (issue "Kernel foundation" §8).
enum class FieldType {
    String, Text, Int, Decimal, Money, Bool, Date, DateTime, Time, Duration,
    Enum, Ref, Refs, User, Phone, Email, File, Files, Json, Autonumber
};

/// "string", "datetime", ... as written in `*.entity.json`.
std::string_view to_string(FieldType type);
std::optional<FieldType> parse_field_type(std::string_view name);
/// Every type name, for error hints and the schema.
const std::vector<std::string>& field_type_names();

/// One physical column of a field: money and phone fields use two.
struct ColumnSpec {
    std::string name;
    storage::ColumnType type;
};

/// The columns that store a field named `name` of `type`. Many-valued fields (`refs`,
/// `files`) have none: they live in a link table `<entity>__<field>`.
std::vector<ColumnSpec> columns_of(std::string_view name, FieldType type);

/// True for types kept in a link table.
bool is_multi_valued(FieldType type);
/// True for types whose value is the id of a row (ref, user, file).
bool is_reference(FieldType type);
/// True for types that may be sorted and compared with lt/gt.
bool is_orderable(FieldType type);
/// True for types whose value is free text (contains/starts/full-text search apply).
bool is_textual(FieldType type);

}  // namespace orbita::kernel::entity
