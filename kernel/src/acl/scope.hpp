// SPDX-License-Identifier: Apache-2.0
// How far a permission reaches: none < own < subordinates < department < all.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orbita::kernel::acl {

/// Scopes are nested so that several roles combine by taking the widest:
///   own          records the user owns (the type's owner field, else created_by);
///   subordinates own + records owned by anyone below the user in the manager chain;
///   department   subordinates + records of the user's department and its sub-departments
///                (the type's department field, else the owner's department);
///   all          every record.
enum class Scope { None = 0, Own = 1, Subordinates = 2, Department = 3, All = 4 };

std::string_view to_string(Scope scope);
std::optional<Scope> parse_scope(std::string_view text);
const std::vector<std::string>& scope_names();

/// The standard operations on entity types. Plugins declare others on their own targets.
inline constexpr const char* kRead = "read";
inline constexpr const char* kCreate = "create";
inline constexpr const char* kUpdate = "update";
inline constexpr const char* kDelete = "delete";
inline constexpr const char* kExport = "export";
const std::vector<std::string>& record_operations();

}  // namespace orbita::kernel::acl
