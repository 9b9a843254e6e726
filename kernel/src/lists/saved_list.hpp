// SPDX-License-Identifier: Apache-2.0
// A named list view of one entity type: columns, filter tree and sort, kept per user.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace orbita::kernel::lists {

/// What a user saved of a list screen. `filter` is a filter tree as the records API
/// takes it (null: none); `shared_role`, when set, shows the list to every holder of
/// that role (read-only for them).
struct SavedList {
    std::int64_t id = 0;
    std::int64_t owner_id = 0;
    std::string entity_type;
    std::string name;
    nlohmann::json columns = nlohmann::json::array();
    nlohmann::json filter;
    std::string sort = "-id";
    std::optional<std::string> shared_role;
    std::int64_t created_at = 0;  ///< ms since the epoch
    std::int64_t updated_at = 0;

    /// As the API shows it; `mine` tells the caller's own lists from shared ones.
    nlohmann::json to_json(std::int64_t viewer_id) const;
};

}  // namespace orbita::kernel::lists
