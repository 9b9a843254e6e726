// SPDX-License-Identifier: Apache-2.0
#include "lists/saved_list.hpp"

namespace orbita::kernel::lists {

nlohmann::json SavedList::to_json(std::int64_t viewer_id) const {
    return {{"id", id},
            {"type", entity_type},
            {"name", name},
            {"columns", columns},
            {"filter", filter},
            {"sort", sort},
            {"shared_with_role", shared_role ? nlohmann::json(*shared_role) : nlohmann::json()},
            {"mine", owner_id == viewer_id},
            {"owner_id", owner_id},
            {"updated_at", updated_at}};
}

}  // namespace orbita::kernel::lists
