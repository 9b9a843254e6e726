// SPDX-License-Identifier: Apache-2.0
#include "automation/request_schemas.hpp"

#include "core/problem.hpp"
#include "core/resources.hpp"

namespace orbita::kernel::automation {

RequestSchemas::RequestSchemas() {
    const auto document = nlohmann::json::parse(resource("schemas/automation.schema.json"));
    for (const auto& [name, definition] : document["definitions"].items()) {
        if (!definition.contains("type") && !definition.contains("properties")) continue;  // fragments ($ref targets)
        compiled_.emplace(name, JsonSchema({{"$ref", "#/definitions/" + name}, {"definitions", document["definitions"]}}));
    }
}

void RequestSchemas::check(const std::string& name, const nlohmann::json& body) const {
    require_valid(compiled_.at(name), body, "");
}

void RequestSchemas::require_valid(const JsonSchema& schema, const nlohmann::json& value, const std::string& prefix) {
    auto errors = schema.validate(value);
    if (errors.empty()) return;
    std::vector<FieldError> out;
    for (const auto& e : errors) {
        const std::string path = e.path.empty() || e.path == "(document)" ? prefix.substr(0, prefix.empty() ? 0 : prefix.size() - 1)
                                                                          : prefix + e.path;
        out.push_back({path.empty() ? "(body)" : path, "invalid", e.message});
    }
    throw Problem::validation(std::move(out));
}

}  // namespace orbita::kernel::automation
