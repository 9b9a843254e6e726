// SPDX-License-Identifier: Apache-2.0
// Who sees which deals and calls beyond the role scopes (kernel visibility rules).
#pragma once

#include <orbita/sdk/access.hpp>

#include <vector>

namespace orbita::plugins::crm {

/// The role whose holders see only the calls they are responsible for (seed 001 §2).
inline constexpr const char* kEmployeeRole = "employee";

/// The permission that lifts the own-calls restriction: `crm.calls` / `read_all`.
sdk::Permission calls_permission();

/// `crm.deal_participants` (grant on `deal`): a user sees the deals they lead or take
/// part in (`participants`), whatever their role's scope. `crm.employee_own_calls`
/// (restriction on `event`): a holder of the role `employee` without `crm.calls` /
/// `read_all` sees events of a call type (`event_type.is_call`) only where they are
/// `responsible`; other events are unaffected. Both run in SQL, so lists, search,
/// aggregates and kanban obey them like a single read.
std::vector<sdk::VisibilityRule> crm_visibility_rules();

}  // namespace orbita::plugins::crm
