// SPDX-License-Identifier: Apache-2.0
#include "entity/field_type.hpp"

#include <array>
#include <utility>

namespace orbita::kernel::entity {

namespace {

using storage::ColumnType;

constexpr std::array<std::pair<FieldType, std::string_view>, 20> kNames = {{
    {FieldType::String, "string"}, {FieldType::Text, "text"},       {FieldType::Int, "int"},
    {FieldType::Decimal, "decimal"}, {FieldType::Money, "money"},   {FieldType::Bool, "bool"},
    {FieldType::Date, "date"},     {FieldType::DateTime, "datetime"}, {FieldType::Time, "time"},
    {FieldType::Duration, "duration"}, {FieldType::Enum, "enum"},   {FieldType::Ref, "ref"},
    {FieldType::Refs, "refs"},     {FieldType::User, "user"},       {FieldType::Phone, "phone"},
    {FieldType::Email, "email"},   {FieldType::File, "file"},       {FieldType::Files, "files"},
    {FieldType::Json, "json"},     {FieldType::Autonumber, "autonumber"},
}};

}  // namespace

std::string_view to_string(FieldType type) {
    for (const auto& [t, name] : kNames) {
        if (t == type) return name;
    }
    return "unknown";
}

std::optional<FieldType> parse_field_type(std::string_view name) {
    for (const auto& [t, n] : kNames) {
        if (n == name) return t;
    }
    return std::nullopt;
}

const std::vector<std::string>& field_type_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& entry : kNames) out.emplace_back(entry.second);
        return out;
    }();
    return names;
}

std::vector<ColumnSpec> columns_of(std::string_view name, FieldType type) {
    const std::string n(name);
    switch (type) {
        case FieldType::Money: return {{n, ColumnType::BigInt}, {n + "_currency", ColumnType::Text}};
        case FieldType::Phone: return {{n, ColumnType::Text}, {n + "_raw", ColumnType::Text}};
        case FieldType::Refs:
        case FieldType::Files: return {};
        case FieldType::Int:
        case FieldType::Decimal:
        case FieldType::Duration:
        case FieldType::Ref:
        case FieldType::User:
        case FieldType::File: return {{n, ColumnType::BigInt}};
        case FieldType::Bool: return {{n, ColumnType::Bool}};
        case FieldType::Date: return {{n, ColumnType::Date}};
        case FieldType::DateTime: return {{n, ColumnType::Timestamp}};
        case FieldType::Time: return {{n, ColumnType::Time}};
        case FieldType::Json: return {{n, ColumnType::Json}};
        default: return {{n, ColumnType::Text}};
    }
}

bool is_multi_valued(FieldType type) { return type == FieldType::Refs || type == FieldType::Files; }

bool is_reference(FieldType type) {
    return type == FieldType::Ref || type == FieldType::User || type == FieldType::File;
}

bool is_orderable(FieldType type) {
    return !(is_multi_valued(type) || type == FieldType::Json || type == FieldType::Text);
}

bool is_textual(FieldType type) {
    switch (type) {
        case FieldType::String:
        case FieldType::Text:
        case FieldType::Email:
        case FieldType::Phone:
        case FieldType::Enum:
        case FieldType::Autonumber: return true;
        default: return false;
    }
}

}  // namespace orbita::kernel::entity
