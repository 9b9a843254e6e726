// SPDX-License-Identifier: Apache-2.0
#include "realtime/visible_records.hpp"

#include "acl/access_profile.hpp"
#include "acl/scope.hpp"
#include "records/list_query.hpp"
#include "records/record_guard.hpp"
#include "records/record_repository.hpp"

namespace orbita::kernel::realtime {

bool VisibleRecords::readable_type(const Actor& actor, const std::string& type) const {
    records_.registry().get(type);  // 404 for an unknown type
    return records::RecordGuard::unrestricted(actor) || (actor.access && actor.access->can(type, acl::kRead));
}

std::optional<nlohmann::json> VisibleRecords::find(const Actor& actor, const std::string& type, std::int64_t id) const {
    // Without read permission the list would answer 403 and audit it: ask first.
    if (!readable_type(actor, type)) return std::nullopt;
    const nlohmann::json filter{{"field", "id"}, {"op", "eq"}, {"value", id}};
    const auto query = records::parse_list_query(
        {{"filter", filter.dump()}, {"archived", "all"}, {"limit", "1"}}, records_.options().max_page_size);
    auto page = records_.list(actor, type, query);
    if (page.items.empty()) return std::nullopt;
    return std::move(page.items.front());
}

}  // namespace orbita::kernel::realtime
