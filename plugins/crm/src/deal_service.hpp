// SPDX-License-Identifier: Apache-2.0
// Deals in funnels: creation in a funnel's stage, moves within the company, states.
#pragma once

#include <orbita/sdk/records.hpp>

#include <cstdint>
#include <string>

namespace orbita::plugins::crm {

/// The crm's deal routes over the records API. The rules (deal.pipeline is a funnel
/// key, deal.stage one of that funnel's stage keys, moves within a company, closed
/// deals) are DealRules', run by the kernel on every write of a deal.
class DealService {
public:

    /// Creates a deal from deal fields; `pipeline` defaults to the default funnel
    /// (created if there is none), `stage` to its first stage; a stage the funnel does
    /// not have answers 422 "unknown-stage" listing the valid ones.
    sdk::Result<nlohmann::json> create(sdk::Records& records, const nlohmann::json& body) const;
    /// Moves a deal to {stage, pipeline?} (the pipeline defaults to the deal's):
    /// only between funnels of the same company (422 "other-company") and only to
    /// stages of the target funnel (422 "unknown-stage"). `version` is optional.
    sdk::Result<nlohmann::json> move(sdk::Records& records, std::int64_t id, const nlohmann::json& body) const;
    /// Sets the state: "won", "lost", "archived", or "active" (restore). A closed deal
    /// (won, lost, archived) can only be restored; 409 "deal-closed" otherwise.
    sdk::Result<nlohmann::json> set_state(sdk::Records& records, std::int64_t id, const std::string& state) const;
};

}  // namespace orbita::plugins::crm
