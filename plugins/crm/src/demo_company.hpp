// SPDX-License-Identifier: Apache-2.0
// `orbita demo-data` content of the crm: a small Russian company at work.
#pragma once

#include "client_service.hpp"
#include "funnel_service.hpp"

#include <orbita/sdk/records.hpp>

namespace orbita::plugins::crm {

/// Installs the seed catalogs and a demo company: organisations with valid INNs,
/// clients with real-looking names, phones in the ways people write them and e-mails,
/// two funnels (sales and mortgage) with deals across their stages, tasks (one
/// recurring, one depending on another) and events of several types. Idempotent:
/// nothing is added when the demo organisation (INN 7707083893) exists.
sdk::Result<void> install_demo_company(sdk::Records& records, const FunnelService& funnels, const ClientService& clients);

}  // namespace orbita::plugins::crm
