// SPDX-License-Identifier: Apache-2.0
// The export route under /api/v1/crm/exports: a thin handler over ClientExport.
#pragma once

#include "export/client_export.hpp"

#include <orbita/sdk/http.hpp>

#include <vector>

namespace orbita::plugins::crm {

/// POST /api/v1/crm/exports/clients.
class ExportRoutes {
public:
    /// The routes to register, bound to this object.
    std::vector<sdk::Route> routes() const;

private:
    ClientExport export_;
};

}  // namespace orbita::plugins::crm
