// SPDX-License-Identifier: Apache-2.0
// The plugin's part of the browser UI.
#pragma once

#include "orbita/sdk/result.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace orbita::sdk {

/// @brief A browser module shipped in the plugin folder (an ES module built by Vite),
/// loaded by the web UI. `entry` is relative to the plugin folder ("ui/index.js").
struct UiModule {
    std::string entry;
};

/// @brief One entry of the main menu. Shown to users who hold `permission`
/// ("<target>:<operation>", empty means everyone signed in).
struct MenuEntry {
    std::string id;                                   ///< "<plugin id>.<name>"
    nlohmann::json label = nlohmann::json::object();  ///< {"en": "Bookmarks", "ru": "Закладки"}
    std::string route;                                ///< UI route, e.g. "/records/bookmark"
    std::string icon;
    std::string permission;
    int order = 100;
};

/// @brief Adds the UI module and menu entries. Use only inside Plugin::initialize.
class UiRegistrar {
public:
    virtual ~UiRegistrar() = default;
    /// @brief Stages the plugin's UI module (one per plugin).
    virtual Result<void> module(UiModule module) = 0;
    /// @brief Stages a menu entry.
    virtual Result<void> menu(MenuEntry entry) = 0;
};

}  // namespace orbita::sdk
