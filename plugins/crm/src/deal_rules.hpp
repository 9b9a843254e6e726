// SPDX-License-Identifier: Apache-2.0
// The rules every write of a deal obeys, whoever writes it (record write hook).
#pragma once

#include "funnel_service.hpp"
#include "record_write.hpp"

#include <orbita/sdk/records.hpp>

namespace orbita::plugins::crm {

/// deal.pipeline is a funnel key and deal.stage one of that funnel's stage keys.
class DealRules {
public:
    explicit DealRules(const FunnelService& funnels) : funnels_(funnels) {}

    /// Checks and completes a deal write: a new deal starts active (422
    /// "invalid-state"); a closed deal (won, lost, archived) only gets restored (409
    /// "deal-closed") and does not move; `pipeline` defaults to the default funnel
    /// (created when there is none) and `stage` to its first stage; an unknown funnel or
    /// stage answers 422 "unknown-funnel" / "unknown-stage" (listing the valid stages);
    /// a deal moves only between funnels of one company (422 "other-company").
    /// `records` reads funnels and stages.
    RuleVerdict check(sdk::RecordWrite& write, sdk::Records& records) const;

private:
    const FunnelService& funnels_;
};

/// The key of stage `stage` of `funnel` (with its `stages`), or its first stage's when
/// `stage` is empty; 422 "unknown-stage" naming the valid keys.
sdk::Result<std::string> stage_in(const nlohmann::json& funnel, const std::string& stage);

}  // namespace orbita::plugins::crm
