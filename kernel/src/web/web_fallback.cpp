// SPDX-License-Identifier: Apache-2.0
#include "web/web_fallback.hpp"

#include "web/static_site.hpp"

#include <spdlog/spdlog.h>

#include <memory>

namespace orbita::kernel::web {

void install_web_fallback(http::Router& router, const nlohmann::json& config_document) {
    auto site = std::make_shared<StaticSite>(StaticSite::resolve_root(config_document));
    if (site->available()) {
        spdlog::info("web application served from {}", site->root().string());
    } else {
        spdlog::info("no web application found{}{}: only the API is served (build the `web` target or set web.root)",
                     site->root().empty() ? "" : " in ", site->root().string());
    }
    router.set_fallback([site](const std::string& path) { return site->serve(path); });
}

}  // namespace orbita::kernel::web
