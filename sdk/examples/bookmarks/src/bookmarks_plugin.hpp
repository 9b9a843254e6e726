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
    /// The robot action bookmarks.save_link and the trigger source bookmarks.visited.
    sdk::Result<void> add_automation(sdk::PluginContext& ctx, std::vector<std::string> schemes);
    std::atomic<long> created_{0};
    std::unique_ptr<BookmarkRoutes> routes_;
};

}  // namespace orbita::plugins::bookmarks
