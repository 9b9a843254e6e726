// SPDX-License-Identifier: Apache-2.0
#include "acl/scope.hpp"

namespace orbita::kernel::acl {

std::string_view to_string(Scope scope) {
    switch (scope) {
        case Scope::None: return "none";
        case Scope::Own: return "own";
        case Scope::Subordinates: return "subordinates";
        case Scope::Department: return "department";
        case Scope::All: return "all";
    }
    return "none";
}

std::optional<Scope> parse_scope(std::string_view text) {
    for (Scope s : {Scope::None, Scope::Own, Scope::Subordinates, Scope::Department, Scope::All}) {
        if (to_string(s) == text) return s;
    }
    return std::nullopt;
}

const std::vector<std::string>& scope_names() {
    static const std::vector<std::string> names = {"none", "own", "subordinates", "department", "all"};
    return names;
}

const std::vector<std::string>& record_operations() {
    static const std::vector<std::string> ops = {kRead, kCreate, kUpdate, kDelete, kExport};
    return ops;
}

}  // namespace orbita::kernel::acl
