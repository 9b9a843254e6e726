// SPDX-License-Identifier: Apache-2.0
// The rules of funnels and their stages that need no database.
#pragma once

#include <orbita/sdk/result.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace orbita::plugins::crm {

/// A stage to create: its key (what deal.stage holds) and display name.
struct StageDraft {
    std::string key;
    std::string name;
};

/// A funnel to create with its stages in order.
struct FunnelDraft {
    std::string key;
    std::string name;
    std::vector<StageDraft> stages;
};

/// The funnel every company starts with: "sales" with three stages (new, in work, closing).
FunnelDraft default_funnel();

/// Keys are what deals store: `^[a-z][a-z0-9_]{0,49}$`, the kernel's pipeline key
/// syntax. `what` names the key in the 422 "invalid-key" error ("funnel key").
sdk::Result<void> check_key(const std::string& what, const std::string& key);

/// A funnel may hold at most `limit` stages (configuration `stage_limit`, default
/// 8): adding one more answers 409 "stage-limit".
sdk::Result<void> check_stage_count(std::size_t count_after_adding, int limit);

/// A deal moves only between funnels of the same company (`company` of both funnels,
/// a record id or null for "no company"): else 422 "other-company".
sdk::Result<void> check_same_company(const nlohmann::json& from_company, const nlohmann::json& to_company);

}  // namespace orbita::plugins::crm
