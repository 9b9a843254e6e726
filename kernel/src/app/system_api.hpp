// SPDX-License-Identifier: Apache-2.0
// Operational endpoints: health, readiness, metrics, OpenAPI.
#pragma once

namespace orbita::kernel {

class Kernel;
namespace http {
class Router;
}

/// GET /health (database reachable, plugins' state and health), /ready (started and serving), /metrics
/// (Prometheus text), /api/v1/openapi.json and GET / (service description).
void register_system_api(http::Router& router, Kernel& kernel);

}  // namespace orbita::kernel
