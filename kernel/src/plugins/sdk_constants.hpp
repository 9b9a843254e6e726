// SPDX-License-Identifier: Apache-2.0
// sdk::Constants over the kernel's constant store.
#pragma once

#include "orbita/sdk/constants.hpp"

namespace orbita::kernel::scripts {
class ConstantStore;
}

namespace orbita::kernel::plugins {

/// What PluginContext::constants() hands to plugins: reads through the store's
/// snapshot, so it is cheap and thread-safe, and lives as long as the kernel.
class SdkConstants final : public sdk::Constants {
public:
    explicit SdkConstants(scripts::ConstantStore& store) : store_(store) {}
    sdk::Result<nlohmann::json> get(const std::string& name) const override;
    sdk::Result<std::string> type_of(const std::string& name) const override;

private:
    scripts::ConstantStore& store_;
};

}  // namespace orbita::kernel::plugins
