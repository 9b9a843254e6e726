// SPDX-License-Identifier: Apache-2.0
// Turns a plugin's sdk::Route into a kernel route with the boundary checks around it.
#pragma once

#include "http/router.hpp"
#include "orbita/sdk/http.hpp"
#include "plugins/plugin_faults.hpp"

namespace orbita::kernel::records {
class RecordRepository;
}

namespace orbita::kernel::plugins {

/// "invalid-url" -> "Invalid url": a readable problem title for a plugin's own code.
std::string title_of(const std::string& code);

/// The kernel route for `route` owned by `plugin_id`: builds the sdk::Request (the
/// JSON body is parsed by the kernel, with its limits, before plugin code runs), calls
/// the handler inside call_plugin (an exception becomes a 500 problem naming the
/// plugin and is counted in `faults`), and turns an sdk problem answer into the
/// kernel's problem+json.
http::Route adapt_route(sdk::Route route, const std::string& plugin_id, records::RecordRepository& records,
                        PluginFaults& faults);

}  // namespace orbita::kernel::plugins
