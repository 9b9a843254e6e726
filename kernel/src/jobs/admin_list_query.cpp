// SPDX-License-Identifier: Apache-2.0
#include "jobs/admin_list_query.hpp"

#include "core/problem.hpp"

#include <charconv>

namespace orbita::kernel::jobs {

namespace {

constexpr int kMaxLimit = 500;
constexpr std::size_t kMaxFilterLength = 200;

std::optional<std::int64_t> positive(const std::string& text) {
    std::int64_t n = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || ptr != text.data() + text.size() || n <= 0) return std::nullopt;
    return n;
}

}  // namespace

AdminListQuery AdminListQuery::parse(const records::QueryParams& params, const std::vector<std::string>& filter_names) {
    std::vector<std::string> known = filter_names;
    known.insert(known.end(), {"limit", "cursor"});
    records::reject_unknown_params(params, known);
    AdminListQuery q;
    std::vector<FieldError> errors;
    for (const auto& [key, value] : params) {
        if (key == "limit") {
            auto n = positive(value);
            if (!n || *n > kMaxLimit) {
                errors.push_back({"limit", "invalid_value", "must be an integer from 1 to 500"});
            } else {
                q.limit = static_cast<int>(*n);
            }
        } else if (key == "cursor") {
            q.before_id = positive(value);
            if (!q.before_id) errors.push_back({"cursor", "invalid_value", "must be the next_cursor of a previous page"});
        } else if (value.empty() || value.size() > kMaxFilterLength) {
            errors.push_back({key, "invalid_value", "must be 1 to 200 characters"});
        } else {
            q.filters[key] = value;
        }
    }
    if (!errors.empty()) {
        std::string detail = errors.front().field + ": " + errors.front().message;
        throw Problem::bad_request(std::move(detail), std::move(errors));
    }
    return q;
}

std::string AdminListQuery::filter(const std::string& name) const {
    auto it = filters.find(name);
    return it == filters.end() ? std::string() : it->second;
}

nlohmann::json AdminListQuery::page(nlohmann::json items) const {
    nlohmann::json next = nullptr;
    if (static_cast<int>(items.size()) == limit && !items.empty()) next = std::to_string(items.back()["id"].get<std::int64_t>());
    return {{"items", std::move(items)}, {"next_cursor", next}};
}

}  // namespace orbita::kernel::jobs
