// SPDX-License-Identifier: Apache-2.0
#include "deal_service.hpp"

namespace orbita::plugins::crm {

namespace {

std::string text_of(const nlohmann::json& body, const char* key) {
    return body.is_object() && body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : std::string();
}

}  // namespace

// The funnel, stage, company and state rules are the deal write hook's (DealRules): the
// routes only shape the request, so the generic records API obeys the same rules.

sdk::Result<nlohmann::json> DealService::create(sdk::Records& records, const nlohmann::json& body) const {
    if (!body.is_object()) return sdk::fail("invalid-input", "the body must be a JSON object with the deal's fields", 422);
    return records.create("deal", body);
}

sdk::Result<nlohmann::json> DealService::move(sdk::Records& records, std::int64_t id, const nlohmann::json& body) const {
    const auto target_stage = text_of(body, "stage");
    if (target_stage.empty()) return sdk::fail("invalid-input", "a move needs a stage (a stage key)", 422);
    nlohmann::json change = {{"stage", target_stage}};
    if (!text_of(body, "pipeline").empty()) change["pipeline"] = text_of(body, "pipeline");
    const std::int64_t version = body.contains("version") && body["version"].is_number_integer() ? body["version"].get<std::int64_t>() : 0;
    return records.update("deal", id, change, version);
}

sdk::Result<nlohmann::json> DealService::set_state(sdk::Records& records, std::int64_t id, const std::string& state) const {
    if (state != "active" && state != "won" && state != "lost" && state != "archived")
        return sdk::fail("invalid-input", "state is active (restore), won, lost or archived", 422);
    auto deal = records.get("deal", id);
    if (!deal.ok()) return deal.error();
    if (deal.value()["state"] == state) return deal.value();
    return records.update("deal", id, {{"state", state}}, deal.value()["version"].get<std::int64_t>());
}

}  // namespace orbita::plugins::crm
