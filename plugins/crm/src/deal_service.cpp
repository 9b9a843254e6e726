// SPDX-License-Identifier: Apache-2.0
#include "deal_service.hpp"

#include "record_query.hpp"

namespace orbita::plugins::crm {

namespace {

// The stage key `stage` of `funnel` (with stages), or the first one when empty.
sdk::Result<std::string> stage_in(const nlohmann::json& funnel, const std::string& stage) {
    const auto& stages = funnel["stages"];
    if (stages.empty()) return sdk::fail("unknown-stage", "funnel '" + funnel["key"].get<std::string>() + "' has no stages", 422);
    if (stage.empty()) return stages[0]["key"].get<std::string>();
    std::string valid;
    for (const auto& s : stages) {
        if (s["key"] == stage) return stage;
        valid += (valid.empty() ? "" : ", ") + s["key"].get<std::string>();
    }
    return sdk::fail("unknown-stage", "funnel '" + funnel["key"].get<std::string>() + "' has no stage '" + stage +
                                          "'; its stages are " + valid, 422);
}

std::string text_of(const nlohmann::json& body, const char* key) {
    return body.is_object() && body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : std::string();
}

}  // namespace

sdk::Result<nlohmann::json> DealService::create(sdk::Records& records, nlohmann::json body) const {
    if (!body.is_object()) return sdk::fail("invalid-input", "the body must be a JSON object with the deal's fields", 422);
    if (body.contains("state") && body["state"] != "active")
        return sdk::fail("invalid-input", "a deal starts active; close it with POST .../state", 422);
    auto funnel = text_of(body, "pipeline").empty() ? funnels_.ensure_default(records) : funnels_.by_key(records, text_of(body, "pipeline"));
    if (!funnel.ok()) return funnel.error();
    auto stage = stage_in(funnel.value(), text_of(body, "stage"));
    if (!stage.ok()) return stage.error();
    body["pipeline"] = funnel.value()["key"];
    body["stage"] = stage.value();
    return records.create("deal", body);
}

sdk::Result<nlohmann::json> DealService::move(sdk::Records& records, std::int64_t id, const nlohmann::json& body) const {
    const auto target_stage = text_of(body, "stage");
    if (target_stage.empty()) return sdk::fail("invalid-input", "a move needs a stage (a stage key)", 422);
    auto deal = records.get("deal", id);
    if (!deal.ok()) return deal.error();
    if (deal.value()["state"] != "active")
        return sdk::fail("deal-closed", "the deal is " + deal.value()["state"].get<std::string>() + "; restore it before moving", 409);
    const auto from_key = deal.value()["pipeline"].is_string() ? deal.value()["pipeline"].get<std::string>() : std::string();
    const auto to_key = text_of(body, "pipeline").empty() ? from_key : text_of(body, "pipeline");
    auto to = funnels_.by_key(records, to_key);
    if (!to.ok()) return to.error();
    if (to_key != from_key && !from_key.empty()) {
        auto from = funnels_.by_key(records, from_key);
        if (!from.ok()) return from.error();
        CRM_CHECK(check_same_company(from.value().value("company", nlohmann::json()), to.value().value("company", nlohmann::json())));
    }
    auto stage = stage_in(to.value(), target_stage);
    if (!stage.ok()) return stage.error();
    const std::int64_t version = body.contains("version") && body["version"].is_number_integer() ? body["version"].get<std::int64_t>() : 0;
    return records.update("deal", id, {{"pipeline", to_key}, {"stage", stage.value()}}, version);
}

sdk::Result<nlohmann::json> DealService::set_state(sdk::Records& records, std::int64_t id, const std::string& state) const {
    if (state != "active" && state != "won" && state != "lost" && state != "archived")
        return sdk::fail("invalid-input", "state is active (restore), won, lost or archived", 422);
    auto deal = records.get("deal", id);
    if (!deal.ok()) return deal.error();
    const auto current = deal.value()["state"].get<std::string>();
    if (current == state) return deal.value();
    if (current != "active" && state != "active")
        return sdk::fail("deal-closed", "the deal is " + current + "; restore it (state active) first", 409);
    return records.update("deal", id, {{"state", state}}, deal.value()["version"].get<std::int64_t>());
}

}  // namespace orbita::plugins::crm
