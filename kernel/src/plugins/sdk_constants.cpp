// SPDX-License-Identifier: Apache-2.0
#include "plugins/sdk_constants.hpp"

#include "scripts/constant_store.hpp"

namespace orbita::kernel::plugins {

namespace {

sdk::Error missing(const std::string& name) { return {"not-found", "there is no constant named '" + name + "'", 404}; }

}  // namespace

sdk::Result<nlohmann::json> SdkConstants::get(const std::string& name) const {
    auto value = store_.value(name);
    if (!value) return missing(name);
    return *value;
}

sdk::Result<std::string> SdkConstants::type_of(const std::string& name) const {
    auto type = store_.type_of(name);
    if (!type) return missing(name);
    return *type;
}

}  // namespace orbita::kernel::plugins
