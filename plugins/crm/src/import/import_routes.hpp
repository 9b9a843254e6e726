// SPDX-License-Identifier: Apache-2.0
// The import routes under /api/v1/crm/imports: thin handlers over ClientImport.
#pragma once

#include "import/client_import.hpp"

#include <orbita/sdk/http.hpp>

#include <vector>

namespace orbita::plugins::crm {

/// POST /imports/preview, POST /imports, GET /imports/{id}, POST /imports/{id}/undo.
class ImportRoutes {
public:
    ImportRoutes(const ClientService& clients, ImportLimits limits) : import_(clients, limits) {}
    /// The routes to register, bound to this object.
    std::vector<sdk::Route> routes() const;

private:
    ClientImport import_;
};

}  // namespace orbita::plugins::crm
