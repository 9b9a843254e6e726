// SPDX-License-Identifier: Apache-2.0
// Funnels and their stages as crm records: creation with the stage limit, the default
// funnel, deletion only when no deal uses the funnel.
#pragma once

#include "funnel_rules.hpp"

#include <orbita/sdk/records.hpp>

#include <cstdint>
#include <string>

namespace orbita::plugins::crm {

/// Funnels (type `funnel`, its key is what deal.pipeline holds) and stages (type
/// `stage`, ordered by position; its key is what deal.stage holds).
class FunnelService {
public:
    /// `stage_limit`: most stages per funnel (configuration stage_limit).
    explicit FunnelService(int stage_limit) : stage_limit_(stage_limit) {}

    /// Creates a funnel from {name, key, company?, stages?: [{key, name}]} (without
    /// stages: the three of the default funnel), in one transaction. The first funnel
    /// becomes the default. Answers the funnel with its `stages`.
    sdk::Result<nlohmann::json> create(sdk::Records& records, const nlohmann::json& body) const;
    /// Adds a stage {key, name} at the end: 409 "stage-limit" beyond the limit,
    /// 409 "duplicate-key" for a key the funnel has.
    sdk::Result<nlohmann::json> add_stage(sdk::Records& records, std::int64_t funnel_id, const nlohmann::json& body) const;
    /// Archives a funnel and its stages; 409 "funnel-not-empty" (with the count) while
    /// any deal, archived ones included, is in it.
    sdk::Result<void> remove(sdk::Records& records, std::int64_t funnel_id) const;
    /// The default funnel, created (with its three stages) when there is no funnel yet.
    sdk::Result<nlohmann::json> ensure_default(sdk::Records& records) const;
    /// The funnel with key `key` and its `stages`; 422 "unknown-funnel" when none.
    sdk::Result<nlohmann::json> by_key(sdk::Records& records, const std::string& key) const;
    /// The funnel with its ordered `stages` added.
    sdk::Result<nlohmann::json> with_stages(sdk::Records& records, nlohmann::json funnel) const;

    int stage_limit() const { return stage_limit_; }

private:
    int stage_limit_;
};

}  // namespace orbita::plugins::crm
