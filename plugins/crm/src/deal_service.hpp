// SPDX-License-Identifier: Apache-2.0
// Deals in funnels: creation in a funnel's stage, moves within the company, states.
#pragma once

#include "funnel_service.hpp"

#include <orbita/sdk/records.hpp>

#include <cstdint>
#include <string>

namespace orbita::plugins::crm {

/// Deal rules on top of the records API: deal.pipeline is a funnel key and
/// deal.stage one of that funnel's stage keys.
class DealService {
public:
    explicit DealService(const FunnelService& funnels) : funnels_(funnels) {}

    /// Creates a deal from deal fields; `pipeline` defaults to the default funnel
    /// (created if there is none), `stage` to its first stage; a stage the funnel does
    /// not have answers 422 "unknown-stage" listing the valid ones.
    sdk::Result<nlohmann::json> create(sdk::Records& records, nlohmann::json body) const;
    /// Moves a deal to {stage, pipeline?} (the pipeline defaults to the deal's):
    /// only between funnels of the same company (422 "other-company") and only to
    /// stages of the target funnel (422 "unknown-stage"). `version` is optional.
    sdk::Result<nlohmann::json> move(sdk::Records& records, std::int64_t id, const nlohmann::json& body) const;
    /// Sets the state: "won", "lost", "archived", or "active" (restore). A closed deal
    /// (won, lost, archived) can only be restored; 409 "deal-closed" otherwise.
    sdk::Result<nlohmann::json> set_state(sdk::Records& records, std::int64_t id, const std::string& state) const;

private:
    const FunnelService& funnels_;
};

}  // namespace orbita::plugins::crm
