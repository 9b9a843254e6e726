// SPDX-License-Identifier: Apache-2.0
#include "import/import_routes.hpp"

#include "route_helpers.hpp"

#include <chrono>

namespace orbita::plugins::crm {

std::vector<sdk::Route> ImportRoutes::routes() const {
    const std::string base = "/api/v1/crm/imports";
    return {
        {"POST", base + "/preview", "Read a client file (CSV): encoding, headers, suggested mapping, first rows checked",
         [this](const sdk::Request& r) { return answer(import_.preview(r.records, r.body)); }},
        {"POST", base, "Import clients from a CSV file, all rows or none",
         [this](const sdk::Request& r) { return import_.run(r.records, r.body); }},
        {"GET", base + "/{id}", "An import: status, counts, errors by row, skipped duplicates",
         with_id([](const sdk::Request& r, std::int64_t id) { return answer(r.records.get("client_import", id)); })},
        {"POST", base + "/{id}/undo", "Archive the clients an import created (within 24 h, if unchanged)",
         with_id([this](const sdk::Request& r, std::int64_t id) {
             const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
             return answer(import_.undo(r.records, id, now));
         })},
    };
}

}  // namespace orbita::plugins::crm
