// SPDX-License-Identifier: Apache-2.0
#include "search/search_api.hpp"

#include "core/problem.hpp"
#include "http/router.hpp"
#include "search/global_search.hpp"

namespace orbita::kernel::search {

void register_search_api(http::Router& router, records::RecordRepository& records) {
    auto search = std::make_shared<GlobalSearch>(records);
    router.add({.method = "GET", .pattern = "/api/v1/search", .handler = [search](http::Request& r) {
                    const auto per_type = r.query_param("per_type").value_or("5");
                    int n = 0;
                    try {
                        n = std::stoi(per_type);
                    } catch (const std::exception&) {
                        n = 0;
                    }
                    return http::Response::json(search->find(r.actor(), r.query_param("q").value_or(""), n));
                },
                .summary = "Full-text search across every type the caller may read (?q=&per_type=5)", .tag = "search"});
}

}  // namespace orbita::kernel::search
