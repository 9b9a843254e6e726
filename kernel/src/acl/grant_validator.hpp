// SPDX-License-Identifier: Apache-2.0
// Checks permissions and field rules sent by administrators.
#pragma once

#include "acl/permission_registry.hpp"
#include "acl/role_store.hpp"
#include "core/problem.hpp"
#include "entity/type_registry.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace orbita::kernel::acl {

/// Turns JSON lists into grants and field rules, refusing unknown targets, operations,
/// scopes, types and fields with a 422 naming each bad entry (and the nearest valid name).
class GrantValidator {
public:
    GrantValidator(const entity::TypeRegistry& types, const PermissionRegistry& permissions)
        : types_(types), permissions_(permissions) {}

    /// [{"target", "operation", "scope"}] -> grants; duplicates are refused.
    std::vector<Grant> grants(const nlohmann::json& list) const;
    /// [{"entity_type", "field", "access": "hidden"|"readonly"}] -> rules.
    std::vector<FieldRule> field_rules(const nlohmann::json& list) const;
    /// Every target with its operations: entity types and declared targets.
    nlohmann::json catalog() const;

private:
    const entity::TypeRegistry& types_;
    const PermissionRegistry& permissions_;
};

}  // namespace orbita::kernel::acl
