// SPDX-License-Identifier: Apache-2.0
// GET /api/v1/admin/plugins and GET /api/v1/ui/menu.
#pragma once

namespace orbita::kernel::http {
class Router;
}

namespace orbita::kernel::plugins {

class PluginHost;

/// Registers the plugin report for administrators (state, reason, manifest,
/// registrations, faults of every plugin) and the menu entries plugins contributed.
void register_plugins_api(http::Router& router, PluginHost& host);

}  // namespace orbita::kernel::plugins
