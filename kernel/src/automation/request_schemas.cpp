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
    auto errors = compiled_.at(name).validate(body);
    if (errors.empty()) return;
    std::vector<FieldError> out;
    for (const auto& e : errors) out.push_back({e.path.empty() || e.path == "(document)" ? "(body)" : e.path, "invalid", e.message});
    throw Problem::validation(std::move(out));
}

}  // namespace orbita::kernel::automation
