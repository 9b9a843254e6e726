// SPDX-License-Identifier: Apache-2.0
#include "export/export_routes.hpp"

#include "route_helpers.hpp"

namespace orbita::plugins::crm {

std::vector<sdk::Route> ExportRoutes::routes() const {
    return {{"POST", "/api/v1/crm/exports/clients",
             "Export the clients the caller may read (all, a range or a list) to CSV or XLSX, base64 in JSON",
             [this](const sdk::Request& r) { return answer(export_.run(r.records, r.body)); }}};
}

}  // namespace orbita::plugins::crm
