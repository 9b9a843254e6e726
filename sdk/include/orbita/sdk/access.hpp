// SPDX-License-Identifier: Apache-2.0
// Registrar for permissions and visibility rules.
#pragma once

#include "orbita/sdk/actor.hpp"
#include "orbita/sdk/result.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

namespace orbita::sdk {

/// @brief A permission target that is not an entity type: `id` is your plugin id
/// ("bookmarks") or starts with "<plugin id>."; roles grant its `operations` with a
/// scope like any other target, and Actor::can checks them.
struct Permission {
    std::string id;
    std::vector<std::string> operations;
    std::string description;
    nlohmann::json label = nlohmann::json::object();  ///< {"en": "...", "ru": "..."}
};

/// @brief A parameterised SQL condition over one row. `sql` may use `{alias}` for the
/// row's table alias and `?` for each value in `params` (strings, numbers, booleans,
/// null), in order. Never concatenate values into `sql`.
struct SqlCondition {
    std::string sql;
    std::vector<nlohmann::json> params;
};

/// @brief An extra rule on which records of `entity_type` an actor sees. A grant adds
/// rows to the actor's scope ("deals I take part in"); a restriction narrows it. The
/// predicate runs for every list and read of that type by a non-administrator, on the
/// request thread: keep it cheap and free of I/O.
struct VisibilityRule {
    enum class Effect { Grant, Restrict };
    std::string id;  ///< "<plugin id>.<name>"
    std::string entity_type;
    Effect effect = Effect::Grant;
    std::string description;
    std::function<SqlCondition(const Actor& actor, const std::string& alias)> predicate;
};

/// @brief Declares permissions and visibility rules. Use only inside Plugin::initialize;
/// ids already declared by the kernel or another plugin fail your plugin naming both.
class PermissionRegistrar {
public:
    virtual ~PermissionRegistrar() = default;
    /// @brief Stages a permission target.
    virtual Result<void> declare(Permission permission) = 0;
    /// @brief Stages a visibility rule.
    virtual Result<void> add_visibility_rule(VisibilityRule rule) = 0;
};

}  // namespace orbita::sdk
