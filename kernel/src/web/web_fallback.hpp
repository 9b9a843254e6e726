// SPDX-License-Identifier: Apache-2.0
// Wires the built web application into the router.
#pragma once

#include "http/router.hpp"

#include <nlohmann/json.hpp>

namespace orbita::kernel::web {

/// Makes the built web application (StaticSite, root from `web.root` or the default
/// places) answer the GETs no API route takes; logs where it is served from, or that
/// only the API is served when no build is found. Called once while the kernel opens.
void install_web_fallback(http::Router& router, const nlohmann::json& config_document);

}  // namespace orbita::kernel::web
