// SPDX-License-Identifier: Apache-2.0
// The crm plugin: wiring only; the work is in the services behind CrmRoutes.
#pragma once

#include "crm_routes.hpp"
#include "export/export_routes.hpp"
#include "import/import_routes.hpp"

#include <orbita/sdk/sdk.hpp>

#include <memory>

namespace orbita::plugins::crm {

class CrmPlugin final : public sdk::Plugin {
public:
    sdk::Result<void> initialize(sdk::PluginContext& ctx) override;

private:
    std::unique_ptr<CrmRoutes> routes_;
    std::unique_ptr<ImportRoutes> imports_;
    ExportRoutes exports_;
};

}  // namespace orbita::plugins::crm
