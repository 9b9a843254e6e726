// SPDX-License-Identifier: Apache-2.0
#include "party_rules.hpp"

#include "client_input.hpp"
#include "inn.hpp"

namespace orbita::plugins::crm {

namespace {

std::string text_of(const nlohmann::json& record, const char* key) {
    return record.is_object() && record.contains(key) && record[key].is_string() ? trimmed(record[key].get<std::string>())
                                                                                 : std::string();
}

}  // namespace

sdk::Result<void> check_client_name(const nlohmann::json& client) {
    if (text_of(client, "last_name").empty() && text_of(client, "first_name").empty())
        return sdk::fail("name-required", "a client needs a last_name or a first_name", 422);
    return {};
}

sdk::Result<void> check_organization(const nlohmann::json& organization) {
    const auto inn = text_of(organization, "inn");
    if (text_of(organization, "name").empty() && inn.empty())
        return sdk::fail("name-or-inn-required", "an organization needs a name or an INN", 422);
    if (inn.empty()) return {};
    auto checked = validate_inn(inn);
    if (!checked.ok()) return checked.error();
    return {};
}

}  // namespace orbita::plugins::crm
