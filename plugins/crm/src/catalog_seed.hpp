// SPDX-License-Identifier: Apache-2.0
// The catalogs a new crm starts with: 17 event types, task statuses, the default funnel.
#pragma once

#include "funnel_service.hpp"

#include <orbita/sdk/records.hpp>

namespace orbita::plugins::crm {

/// Installs what is missing of the seed catalogs (by code): the 17 system event types
/// of spec 004 §3.1 (in Russian), the task statuses set / done / accepted /
/// suspended, and the default funnel. Idempotent; administrators edit them afterwards
/// like any record. Answers counts {"event_types", "task_statuses", "funnel"}.
sdk::Result<nlohmann::json> seed_catalogs(sdk::Records& records, const FunnelService& funnels);

}  // namespace orbita::plugins::crm
