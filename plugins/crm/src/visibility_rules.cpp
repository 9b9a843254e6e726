// SPDX-License-Identifier: Apache-2.0
#include "visibility_rules.hpp"

#include <algorithm>

namespace orbita::plugins::crm {

sdk::Permission calls_permission() {
    return {"crm.calls", {"read_all"}, "See every call, not only one's own (lifts the employee restriction)",
            {{"en", "Calls of others"}, {"ru", "Чужие звонки"}}};
}

std::vector<sdk::VisibilityRule> crm_visibility_rules() {
    std::vector<sdk::VisibilityRule> rules;
    rules.push_back({"crm.deal_participants", "deal", sdk::VisibilityRule::Effect::Grant,
                     "Deals the user leads or takes part in",
                     [](const sdk::Actor& actor, const std::string&) {
                         return sdk::SqlCondition{"({alias}.\"leader\" = ? OR EXISTS (SELECT 1 FROM \"deal__participants\" dp "
                                                  "WHERE dp.record_id = {alias}.\"id\" AND dp.target_id = ?))",
                                                  {actor.user_id(), actor.user_id()}};
                     }});
    rules.push_back({"crm.employee_own_calls", "event", sdk::VisibilityRule::Effect::Restrict,
                     "Employees see only the calls they are responsible for",
                     [](const sdk::Actor& actor, const std::string&) {
                         const auto roles = actor.roles();
                         const bool employee = std::find(roles.begin(), roles.end(), kEmployeeRole) != roles.end();
                         if (!employee || actor.can("crm.calls", "read_all")) return sdk::SqlCondition{"1 = 1", {}};
                         // The flag is compared as an integer: BOOLEAN on PostgreSQL, INTEGER on SQLite.
                         return sdk::SqlCondition{"({alias}.\"responsible\" = ? OR NOT EXISTS (SELECT 1 FROM \"event_type\" et "
                                                  "WHERE et.\"id\" = {alias}.\"event_type\" AND CAST(et.\"is_call\" AS INTEGER) = 1))",
                                                  {actor.user_id()}};
                     }});
    return rules;
}

}  // namespace orbita::plugins::crm
