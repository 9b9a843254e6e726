// SPDX-License-Identifier: Apache-2.0
#include "record_rules.hpp"

#include "deal_rules.hpp"
#include "overdue_sweep.hpp"
#include "party_rules.hpp"
#include "task_rules.hpp"

namespace orbita::plugins::crm {

std::vector<sdk::RecordWriteHook> crm_record_hooks(const FunnelService& funnels) {
    std::vector<sdk::RecordWriteHook> hooks;
    hooks.push_back({"crm.client_rules", "client", "Trims names; a client needs a last or first name",
                     [](sdk::RecordWrite& w, const sdk::Actor&, sdk::Records&) -> RuleVerdict {
                         trim_text_fields(w, {"last_name", "first_name", "middle_name"});
                         if (!sets_any(w, {"last_name", "first_name"})) return std::nullopt;
                         return refuse_on_error(check_client_name(after_write(w)), "last_name");
                     }});
    hooks.push_back({"crm.organization_rules", "organization", "Trims name and INN; name or INN required; INN checksum",
                     [](sdk::RecordWrite& w, const sdk::Actor&, sdk::Records&) -> RuleVerdict {
                         trim_text_fields(w, {"name", "inn"});
                         if (!sets_any(w, {"name", "inn"})) return std::nullopt;
                         const auto organization = after_write(w);
                         const bool has_inn = organization.value("inn", nlohmann::json()).is_string() &&
                                              !organization["inn"].get<std::string>().empty();
                         return refuse_on_error(check_organization(organization), has_inn ? "inn" : "name");
                     }});
    hooks.push_back({"crm.deal_rules", "deal", "Funnel and stage exist, moves within one company, closed deals stay put",
                     [rules = DealRules(funnels)](sdk::RecordWrite& w, const sdk::Actor&, sdk::Records& records) {
                         return rules.check(w, records);
                     }});
    hooks.push_back({"crm.task_rules", "task", "Valid recurrence, dependencies without cycles; overdue derived",
                     [](sdk::RecordWrite& w, const sdk::Actor&, sdk::Records& records) {
                         auto verdict = check_task_write(w, records);
                         if (!verdict) {
                             const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
                             derive_overdue(w, records, now);
                         }
                         return verdict;
                     }});
    return hooks;
}

}  // namespace orbita::plugins::crm
