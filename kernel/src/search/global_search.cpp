// SPDX-License-Identifier: Apache-2.0
#include "search/global_search.hpp"

#include "acl/access_profile.hpp"
#include "acl/scope.hpp"
#include "core/problem.hpp"
#include "records/list_query.hpp"
#include "records/record_guard.hpp"
#include "records/record_repository.hpp"

#include <algorithm>

namespace orbita::kernel::search {

nlohmann::json GlobalSearch::find(const Actor& actor, const std::string& query, int per_type) const {
    if (query.find_first_not_of(" \t") == std::string::npos || query.size() > 200)
        throw Problem::bad_request("q must hold 1 to 200 characters", {{"q", "invalid_value", "type what to look for"}});
    if (per_type < 1 || per_type > 20)
        throw Problem::bad_request("per_type must be 1..20", {{"per_type", "invalid_value", "must be 1..20"}});
    auto types = records_.registry().all();
    std::sort(types.begin(), types.end(), [](const auto& a, const auto& b) { return a->name() < b->name(); });
    auto groups = nlohmann::json::array();
    for (const auto& type : types) {
        if (type->search_fields.empty()) continue;
        // Types the user may not read are skipped, not refused: searching everything is
        // no attempt on any one of them.
        if (!records::RecordGuard::unrestricted(actor) && !(actor.access && actor.access->can(type->name(), acl::kRead)))
            continue;
        const auto list = records::parse_list_query({{"q", query}, {"limit", std::to_string(per_type)}},
                                                    records_.options().max_page_size);
        auto page = records_.list(actor, type->name(), list);
        if (page.items.empty()) continue;
        auto items = nlohmann::json::array();
        for (const auto& r : page.items) items.push_back({{"id", r["id"]}, {"title", r.value("_title", "")}});
        groups.push_back({{"type", type->name()}, {"items", std::move(items)}});
    }
    return {{"q", query}, {"groups", std::move(groups)}};
}

}  // namespace orbita::kernel::search
