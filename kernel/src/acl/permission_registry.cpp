// SPDX-License-Identifier: Apache-2.0
#include "acl/permission_registry.hpp"

#include <stdexcept>

namespace orbita::kernel::acl {

PermissionRegistry::PermissionRegistry() {
    declare({"audit", {"read"}, {{"ru", "Журнал аудита"}, {"en", "Audit log"}},
             "Sign-ins, refusals, changes of rights and tokens, and every record change", "kernel"});
}

void PermissionRegistry::declare(PermissionTarget target) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& t : targets_) {
        if (t.id == target.id)
            throw std::invalid_argument("permission target '" + target.id + "' of " + target.owner +
                                        " is already declared by " + t.owner);
    }
    targets_.push_back(std::move(target));
}

void PermissionRegistry::add_rule(VisibilityRule rule) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& r : rules_) {
        if (r.id == rule.id)
            throw std::invalid_argument("visibility rule '" + rule.id + "' of " + rule.owner +
                                        " is already declared by " + r.owner);
    }
    rules_.push_back(std::move(rule));
}

std::vector<PermissionTarget> PermissionRegistry::targets() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return targets_;
}

std::optional<PermissionTarget> PermissionRegistry::target(const std::string& id) const {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& t : targets_) {
        if (t.id == id) return t;
    }
    return std::nullopt;
}

std::vector<VisibilityRule> PermissionRegistry::rules_for(const std::string& entity_type) const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<VisibilityRule> out;
    for (const auto& r : rules_) {
        if (r.entity_type == entity_type) out.push_back(r);
    }
    return out;
}

}  // namespace orbita::kernel::acl
