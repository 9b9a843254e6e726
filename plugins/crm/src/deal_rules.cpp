// SPDX-License-Identifier: Apache-2.0
#include "deal_rules.hpp"

namespace orbita::plugins::crm {

namespace {

std::string text_of(const nlohmann::json& record, const char* key) {
    return record.is_object() && record.contains(key) && record[key].is_string() ? record[key].get<std::string>() : std::string();
}

std::string state_of(const nlohmann::json& deal) {
    const auto state = text_of(deal, "state");
    return state.empty() ? "active" : state;
}

sdk::WriteRejection refusal(int status, const char* code, const std::string& field, const std::string& message) {
    return rejection(sdk::fail(code, message, status), field);
}

}  // namespace

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

RuleVerdict DealRules::check(sdk::RecordWrite& write, sdk::Records& records) const {
    const bool creating = write.id == 0;
    const auto& before = write.old_record;
    const auto after = after_write(write);
    if (creating && state_of(after) != "active")
        return refusal(422, "invalid-state", "state", "a deal starts active; close it afterwards");
    if (!creating && state_of(before) != "active" && state_of(after) != "active" && state_of(after) != state_of(before))
        return refusal(409, "deal-closed", "state", "the deal is " + state_of(before) + "; restore it (state active) first");
    const bool moved = creating || text_of(after, "pipeline") != text_of(before, "pipeline") ||
                       text_of(after, "stage") != text_of(before, "stage");
    if (!moved) return std::nullopt;
    if (!creating && state_of(after) != "active")
        return refusal(409, "deal-closed", "stage", "the deal is " + state_of(after) + "; restore it before moving");
    const auto key = text_of(after, "pipeline");
    auto funnel = key.empty() ? funnels_.ensure_default(records) : funnels_.by_key(records, key);
    if (!funnel.ok()) return rejection(funnel.error(), "pipeline");
    auto stage = stage_in(funnel.value(), text_of(after, "stage"));
    if (!stage.ok()) return rejection(stage.error(), "stage");
    const auto from_key = text_of(before, "pipeline");
    if (!creating && !from_key.empty() && from_key != funnel.value()["key"].get<std::string>()) {
        // A funnel that was deleted since no longer binds the deal to its company.
        if (auto from = funnels_.by_key(records, from_key); from.ok()) {
            if (auto same = check_same_company(from.value().value("company", nlohmann::json()),
                                               funnel.value().value("company", nlohmann::json()));
                !same.ok())
                return rejection(same.error(), "pipeline");
        }
    }
    write.fields["pipeline"] = funnel.value()["key"];
    write.fields["stage"] = stage.value();
    return std::nullopt;
}

}  // namespace orbita::plugins::crm
