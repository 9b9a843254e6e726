// SPDX-License-Identifier: Apache-2.0
// The crm's rules as record write hooks: the kernel runs them on every write of a
// client, organisation, deal or task, whichever API writes.
#pragma once

#include "funnel_service.hpp"

#include <orbita/sdk/record_hooks.hpp>

#include <vector>

namespace orbita::plugins::crm {

/// One hook per type: `crm.client_rules` (names trimmed, a last or first name
/// required), `crm.organization_rules` (name or INN, INN checksum), `crm.deal_rules`
/// (DealRules) and `crm.task_rules` (check_task_write). `funnels` must outlive the hooks.
std::vector<sdk::RecordWriteHook> crm_record_hooks(const FunnelService& funnels);

}  // namespace orbita::plugins::crm
