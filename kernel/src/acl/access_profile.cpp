// SPDX-License-Identifier: Apache-2.0
#include "acl/access_profile.hpp"

namespace orbita::kernel::acl {

Scope AccessProfile::scope(const std::string& target, const std::string& operation) const {
    if (administrator || system) return Scope::All;
    auto it = grants.find({target, operation});
    Scope granted = it == grants.end() ? Scope::None : it->second;
    if (auditor && operation == kRead && !overridden.count({target, operation})) return Scope::All;
    return granted;
}

bool AccessProfile::field_readable(const std::string& type, const std::string& field) const {
    if (administrator || system) return true;
    auto t = fields.find(type);
    if (t == fields.end()) return true;
    auto f = t->second.find(field);
    return f == t->second.end() || f->second != FieldAccess::Hidden;
}

bool AccessProfile::field_writable(const std::string& type, const std::string& field) const {
    if (administrator || system) return true;
    auto t = fields.find(type);
    if (t == fields.end()) return true;
    return t->second.find(field) == t->second.end();
}

bool AccessProfile::hides_fields(const std::string& type) const {
    if (administrator || system) return false;
    auto t = fields.find(type);
    if (t == fields.end()) return false;
    for (const auto& [name, access] : t->second) {
        if (access == FieldAccess::Hidden) return true;
    }
    return false;
}

}  // namespace orbita::kernel::acl
