// SPDX-License-Identifier: Apache-2.0
// Turns a user's scope on an entity type into an SQL predicate over its rows.
#pragma once

#include "acl/access_profile.hpp"
#include "acl/permission_registry.hpp"
#include "entity/entity_type.hpp"
#include "storage/dialect.hpp"

#include <optional>
#include <string>

namespace orbita::kernel::acl {

/// Which rows of a type an operation may touch.
struct RowAccess {
    bool any = false;               ///< false: the user may not perform the operation at all
    storage::SqlFragment predicate; ///< empty: every row
};

/// Builds row predicates so lists and aggregates filter in SQL (no fetch-then-filter).
/// Ownership comes from the type's `owner` role (else `created_by`), departments from
/// its `department` role (else the owner's department). The manager chain and the
/// department tree are walked with recursive CTEs, so the predicate stays correct
/// however the organisation changes. Visibility rules apply to read and export.
class RecordAccess {
public:
    RecordAccess(const PermissionRegistry& permissions, const storage::Dialect& dialect)
        : permissions_(permissions), dialect_(dialect) {}

    RowAccess rows(const AccessProfile& profile, const entity::EntityType& type, const std::string& operation,
                   const std::string& alias) const;

    /// The column holding a record's owner ("id" for users themselves).
    static std::string owner_column(const entity::EntityType& type);
    /// The column holding a record's department, if the type has one.
    static std::optional<std::string> department_column(const entity::EntityType& type);

private:
    storage::SqlFragment scope_predicate(const AccessProfile& profile, const entity::EntityType& type, Scope scope,
                                         const std::string& alias) const;
    const PermissionRegistry& permissions_;
    const storage::Dialect& dialect_;
};

}  // namespace orbita::kernel::acl
