// SPDX-License-Identifier: Apache-2.0
// Filter trees (JSON) compiled to parameterised SQL predicates after schema checks.
#pragma once

#include "core/problem.hpp"
#include "entity/type_registry.hpp"
#include "entity/value_codec.hpp"
#include "records/field_gate.hpp"
#include "storage/dialect.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>

namespace orbita::kernel::records {


/// Compiles filter trees:
///   {"and": [node, ...]}, {"or": [node, ...]}, {"not": node},
///   {"field": "status" | "client.phone", "op": "eq", "value": ...}
/// Operators: eq ne lt le gt ge in nin contains starts between is_null. Values are
/// checked and converted with the field's own rules (phones normalised, enums checked,
/// money in major units). Reference paths follow single-valued ref/user fields up to
/// three hops and compile to `IN (SELECT id ...)` subqueries. Every problem is reported
/// at once as a 400 Problem whose field errors carry paths such as `filter.and[1].op`.
class FilterCompiler {
public:
    FilterCompiler(const entity::TypeRegistry& registry, const entity::ValueCodec& codec,
                   const storage::Dialect& dialect, FieldGate gate = nullptr, RowScope scope = nullptr)
        : registry_(registry), codec_(codec), dialect_(dialect), gate_(std::move(gate)), scope_(std::move(scope)) {}

    /// A predicate over rows of `type` aliased `alias`; empty for an empty tree.
    storage::SqlFragment compile(const entity::EntityType& type, const nlohmann::json& tree,
                                 const std::string& alias) const;

    static constexpr int kMaxNodes = 200;
    static constexpr int kMaxDepth = 10;
    static constexpr std::size_t kMaxListValues = 500;

private:
    struct State;
    storage::SqlFragment node(const entity::EntityType& type, const nlohmann::json& j, const std::string& alias,
                              const std::string& path, int depth, State& state) const;
    storage::SqlFragment condition(const entity::EntityType& type, const nlohmann::json& j, const std::string& alias,
                                   const std::string& path, State& state) const;
    storage::SqlFragment field_condition(const entity::EntityType& type, const entity::FieldDef& field,
                                         const std::string& alias, const std::string& op, const nlohmann::json& value,
                                         const std::string& path, State& state) const;
    storage::SqlFragment multi_condition(const entity::EntityType& type, const entity::FieldDef& field,
                                         const std::string& alias, const std::string& op, const nlohmann::json& value,
                                         const std::string& path, State& state) const;
    std::optional<bool> is_null_flag(const nlohmann::json& value, const std::string& path, State& state) const;
    std::optional<storage::SqlValue> scalar(const entity::FieldDef& field, const nlohmann::json& value,
                                            const std::string& path, State& state) const;

    const entity::TypeRegistry& registry_;
    const entity::ValueCodec& codec_;
    const storage::Dialect& dialect_;
    FieldGate gate_;
    RowScope scope_;
};

/// Lower-cases UTF-8 text (Cyrillic included).
std::string utf8_lower(const std::string& text);
/// Escapes `%`, `_` and `\` for a LIKE pattern with ESCAPE '\'.
std::string like_escape(const std::string& text);

}  // namespace orbita::kernel::records
