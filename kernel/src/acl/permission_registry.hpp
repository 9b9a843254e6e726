// SPDX-License-Identifier: Apache-2.0
// Declared permission targets and visibility rules (kernel now, plugins later).
#pragma once

#include "acl/access_profile.hpp"
#include "storage/sql_fragment.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace orbita::kernel::acl {

/// A permission target that is not an entity type, e.g. `audit` (read) or a plugin's
/// `telegram` (take_dialog, send_template). Entity types are targets implicitly, with
/// the operations read/create/update/delete/export.
struct PermissionTarget {
    std::string id;
    std::vector<std::string> operations;
    nlohmann::json label = nlohmann::json::object();
    std::string description;
    std::string owner = "kernel";
};

/// An extra predicate on what a user may see of an entity type.
///   Grant:    rows matching it become readable in addition to the user's scope
///             ("dialogs of the bots this user operates", "deals I take part in").
///   Restrict: rows must also match it ("only tickets of my queues").
/// Administrators and system actors are never restricted.
struct VisibilityRule {
    enum class Effect { Grant, Restrict };
    std::string id;
    std::string entity_type;
    Effect effect = Effect::Grant;
    std::string description;
    std::string owner = "kernel";
    /// SQL over the row aliased `alias` for `profile`; empty means "no rows".
    std::function<storage::SqlFragment(const AccessProfile& profile, const std::string& alias)> predicate;
};

/// Registry of declared targets and visibility rules; both carry their owner so a clash
/// names who declared what.
class PermissionRegistry {
public:
    PermissionRegistry();

    /// Declares a target; throws std::invalid_argument on a duplicate id naming both owners.
    void declare(PermissionTarget target);
    /// Adds a visibility rule; throws on a duplicate rule id.
    void add_rule(VisibilityRule rule);

    std::vector<PermissionTarget> targets() const;
    std::optional<PermissionTarget> target(const std::string& id) const;
    std::vector<VisibilityRule> rules_for(const std::string& entity_type) const;

private:
    mutable std::mutex mutex_;
    std::vector<PermissionTarget> targets_;
    std::vector<VisibilityRule> rules_;
};

}  // namespace orbita::kernel::acl
