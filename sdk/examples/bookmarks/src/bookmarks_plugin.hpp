// SPDX-License-Identifier: Apache-2.0
// The bookmarks plugin: wiring only; the work is in BookmarkRoutes and url_rules.
#pragma once

#include "bookmark_routes.hpp"

#include <orbita/sdk/sdk.hpp>

#include <atomic>
#include <memory>

namespace orbita::plugins::bookmarks {

class BookmarksPlugin final : public sdk::Plugin {
public:
    sdk::Result<void> initialize(sdk::PluginContext& ctx) override;

private:
    std::atomic<long> created_{0};
    std::unique_ptr<BookmarkRoutes> routes_;
};

}  // namespace orbita::plugins::bookmarks
