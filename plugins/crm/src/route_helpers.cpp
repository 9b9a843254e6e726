// SPDX-License-Identifier: Apache-2.0
#include "route_helpers.hpp"

#include <string>

namespace orbita::plugins::crm {

std::optional<std::int64_t> id_param(const sdk::Request& r, const char* name) {
    auto it = r.params.find(name);
    if (it == r.params.end() || it->second.empty() || it->second.size() > 18 ||
        it->second.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    const auto id = std::stoll(it->second);
    return id > 0 ? std::optional(id) : std::nullopt;
}

sdk::Response not_found() { return sdk::Response::problem(404, "not-found", "no such record"); }

sdk::Response answer(const sdk::Result<nlohmann::json>& result, int status) {
    return result.ok() ? sdk::Response::json(result.value(), status) : sdk::Response::from_error(result.error());
}

}  // namespace orbita::plugins::crm
