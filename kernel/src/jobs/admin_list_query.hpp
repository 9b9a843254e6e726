// SPDX-License-Identifier: Apache-2.0
// Query parameters of the admin lists of jobs and outbox messages.
#pragma once

#include "records/list_query.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace orbita::kernel::jobs {

/// `?state=dead&kind=x&limit=50&cursor=123`: equality filters named by the caller, a
/// page size of 1..500 (default 50) and a keyset cursor (the id to continue below,
/// newest first). Unknown or malformed parameters answer 400 with field errors.
struct AdminListQuery {
    std::map<std::string, std::string> filters;
    int limit = 50;
    std::optional<std::int64_t> before_id;

    static AdminListQuery parse(const records::QueryParams& params, const std::vector<std::string>& filter_names);
    /// The filter `name`, or empty.
    std::string filter(const std::string& name) const;
    /// {"items": items, "next_cursor": id of the last item when the page is full}.
    nlohmann::json page(nlohmann::json items) const;
};

}  // namespace orbita::kernel::jobs
