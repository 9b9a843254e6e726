// SPDX-License-Identifier: Apache-2.0
#include "acl/grant_validator.hpp"

#include "core/nearest_name.hpp"

#include <set>

namespace orbita::kernel::acl {

namespace {

std::string text(const nlohmann::json& item, const char* key, const std::string& path, std::vector<FieldError>& errors) {
    if (!item.is_object() || !item.contains(key) || !item[key].is_string()) {
        errors.push_back({path + "." + key, "required", "must be a string"});
        return {};
    }
    return item[key].get<std::string>();
}

}  // namespace

std::vector<Grant> GrantValidator::grants(const nlohmann::json& list) const {
    if (!list.is_array()) throw Problem::bad_request("send a JSON array of {target, operation, scope}");
    std::vector<FieldError> errors;
    std::vector<Grant> out;
    std::set<std::pair<std::string, std::string>> seen;
    std::vector<std::string> targets;
    for (const auto& t : types_.all()) targets.push_back(t->name());
    for (const auto& t : permissions_.targets()) targets.push_back(t.id);
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string path = "[" + std::to_string(i) + "]";
        const std::size_t before = errors.size();
        const auto target = text(list[i], "target", path, errors);
        const auto operation = text(list[i], "operation", path, errors);
        const auto scope_text = text(list[i], "scope", path, errors);
        if (errors.size() != before) continue;
        std::vector<std::string> ops;
        if (types_.find(target)) {
            ops = record_operations();
        } else if (auto declared = permissions_.target(target)) {
            ops = declared->operations;
        } else {
            errors.push_back({path + ".target", "unknown_target", "unknown target '" + target + "'" + did_you_mean(target, targets)});
            continue;
        }
        if (std::find(ops.begin(), ops.end(), operation) == ops.end()) {
            errors.push_back({path + ".operation", "unknown_operation",
                              "'" + target + "' has no operation '" + operation + "'" + did_you_mean(operation, ops)});
            continue;
        }
        auto scope = parse_scope(scope_text);
        if (!scope) {
            errors.push_back({path + ".scope", "unknown_scope",
                              "scope must be none, own, subordinates, department or all" + did_you_mean(scope_text, scope_names())});
            continue;
        }
        if (!seen.insert({target, operation}).second) {
            errors.push_back({path, "duplicate", target + "." + operation + " is listed twice"});
            continue;
        }
        out.push_back({target, operation, *scope});
    }
    if (!errors.empty()) throw Problem::validation(std::move(errors));
    return out;
}

std::vector<FieldRule> GrantValidator::field_rules(const nlohmann::json& list) const {
    if (!list.is_array()) throw Problem::bad_request("send a JSON array of {entity_type, field, access}");
    std::vector<FieldError> errors;
    std::vector<FieldRule> out;
    std::set<std::pair<std::string, std::string>> seen;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string path = "[" + std::to_string(i) + "]";
        const std::size_t before = errors.size();
        const auto type_name = text(list[i], "entity_type", path, errors);
        const auto field = text(list[i], "field", path, errors);
        const auto access_text = text(list[i], "access", path, errors);
        if (errors.size() != before) continue;
        auto type = types_.find(type_name);
        if (!type) {
            errors.push_back({path + ".entity_type", "unknown_type", "unknown entity type '" + type_name + "'"});
            continue;
        }
        if (!type->field(field) || field == "id") {
            errors.push_back({path + ".field", "unknown_field",
                              "'" + field + "' is not a restrictable field of " + type_name + did_you_mean(field, type->field_names())});
            continue;
        }
        auto access = parse_field_access(access_text);
        if (!access) {
            errors.push_back({path + ".access", "invalid_value", "access is hidden or readonly"});
            continue;
        }
        if (!seen.insert({type_name, field}).second) {
            errors.push_back({path, "duplicate", type_name + "." + field + " is listed twice"});
            continue;
        }
        out.push_back({type_name, field, *access});
    }
    if (!errors.empty()) throw Problem::validation(std::move(errors));
    return out;
}

nlohmann::json GrantValidator::catalog() const {
    nlohmann::json targets = nlohmann::json::array();
    for (const auto& t : types_.all()) {
        targets.push_back({{"target", t->name()}, {"kind", "entity_type"}, {"label", t->label},
                           {"operations", record_operations()}, {"owner", t->owner}});
    }
    for (const auto& t : permissions_.targets()) {
        targets.push_back({{"target", t.id}, {"kind", "declared"}, {"label", t.label}, {"operations", t.operations},
                           {"description", t.description}, {"owner", t.owner}});
    }
    return {{"targets", targets}, {"scopes", scope_names()}, {"field_access", {"hidden", "readonly"}}};
}

}  // namespace orbita::kernel::acl
