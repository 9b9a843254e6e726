// SPDX-License-Identifier: Apache-2.0
// REST routes of triggers and the incoming-webhook endpoint.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>

namespace orbita::kernel::http {
class Router;
}
namespace orbita::kernel::acl {
class AccessAdmin;
}

namespace orbita::kernel::automation {

class TriggerAdmin;
class TriggerEngine;

/// /api/v1/admin/triggers (CRUD, runs, secret rotation), /api/v1/admin/trigger-sources
/// (`sources` lists the kernel kinds and plugin sources) for administrators, and the
/// public POST /api/v1/hooks/triggers/{id} (secret in X-Orbita-Trigger-Secret).
void register_triggers_api(http::Router& router, TriggerAdmin& triggers, TriggerEngine& engine,
                           std::function<nlohmann::json()> sources, acl::AccessAdmin& admin);

}  // namespace orbita::kernel::automation
