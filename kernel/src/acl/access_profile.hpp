// SPDX-License-Identifier: Apache-2.0
// A user's effective rights, resolved once from roles and personal overrides.
#pragma once

#include "acl/scope.hpp"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace orbita::kernel::acl {

/// Per-field restriction from a role: hidden fields are never read or written,
/// read-only fields are read but not written.
enum class FieldAccess { Hidden, ReadOnly };

/// Everything the data layer needs to decide what a user may do. Immutable; cached per
/// user and rebuilt when rights change.
struct AccessProfile {
    std::int64_t user_id = 0;
    std::string login;
    std::int64_t department_id = 0;  ///< 0 when the user has none
    /// The user and everyone below them in the manager chain, and the user's department
    /// with every department below it, resolved when the profile is built so that a
    /// scoped query binds ids instead of walking the trees again. Empty when the
    /// trees were too large to inline (the query then walks them in SQL).
    std::vector<std::int64_t> team_ids, department_tree_ids;
    bool administrator = false;      ///< built-in role: everything, including rights
    bool auditor = false;            ///< built-in role: read everything, audit log
    bool system = false;             ///< a named system actor (jobs, robots, demo data)
    std::vector<std::string> roles;  ///< role names, for /auth/me
    /// (target, operation) -> scope after personal overrides. Absent means none.
    std::map<std::pair<std::string, std::string>, Scope> grants;
    /// The (target, operation) pairs set by personal overrides: they beat role defaults,
    /// including the auditor's read-everything.
    std::set<std::pair<std::string, std::string>> overridden;
    /// entity type -> field -> restriction (only restrictions every role agrees on).
    std::map<std::string, std::map<std::string, FieldAccess>> fields;

    /// The scope of `operation` on `target` (administrators and system actors: all;
    /// auditors: all for read).
    Scope scope(const std::string& target, const std::string& operation) const;
    bool can(const std::string& target, const std::string& operation) const {
        return scope(target, operation) != Scope::None;
    }
    /// Whether `field` of `type` may be read / written.
    bool field_readable(const std::string& type, const std::string& field) const;
    bool field_writable(const std::string& type, const std::string& field) const;
    /// True when any field of `type` is hidden for this user.
    bool hides_fields(const std::string& type) const;
};

}  // namespace orbita::kernel::acl
