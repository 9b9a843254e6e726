// SPDX-License-Identifier: Apache-2.0
#include "funnel_rules.hpp"

namespace orbita::plugins::crm {

FunnelDraft default_funnel() {
    return {"sales", "Продажи", {{"new", "Новая"}, {"in_work", "В работе"}, {"closing", "Закрытие"}}};
}

sdk::Result<void> check_key(const std::string& what, const std::string& key) {
    bool ok = !key.empty() && key.size() <= 50 && key[0] >= 'a' && key[0] <= 'z';
    for (char c : key) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
    if (!ok)
        return sdk::fail("invalid-key", what + " '" + key.substr(0, 60) +
                                            "' must start with a small Latin letter and hold only a-z, 0-9 and _ (at most 50)", 422);
    return {};
}

sdk::Result<void> check_stage_count(std::size_t count_after_adding, int limit) {
    if (count_after_adding > static_cast<std::size_t>(limit))
        return sdk::fail("stage-limit", "a funnel holds at most " + std::to_string(limit) +
                                            " stages (configuration stage_limit); delete or merge a stage first", 409);
    return {};
}

sdk::Result<void> check_same_company(const nlohmann::json& from_company, const nlohmann::json& to_company) {
    if (from_company != to_company)
        return sdk::fail("other-company", "a deal moves only between funnels of its own company: the target funnel belongs to "
                                          "company " + (to_company.is_null() ? std::string("(none)") : to_company.dump()) +
                                          ", the deal's to " + (from_company.is_null() ? std::string("(none)") : from_company.dump()),
                         422);
    return {};
}

}  // namespace orbita::plugins::crm
