// SPDX-License-Identifier: Apache-2.0
// REST routes of robots and the robot action catalogue (administrators).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>

namespace orbita::kernel::http {
class Router;
}
namespace orbita::kernel::acl {
class AccessAdmin;
}

namespace orbita::kernel::automation {

class ActionRegistry;
class RobotAdmin;

/// Triggers of a pipeline's stages by stage id (what TriggerAdmin::of_pipeline answers).
using StageTriggers = std::function<nlohmann::json(std::int64_t pipeline_id)>;

/// /api/v1/admin/robots (CRUD, runs, dry-run), /api/v1/admin/robot-actions and
/// /api/v1/admin/pipelines/{id}/board (stages with their robots and triggers).
void register_robots_api(http::Router& router, RobotAdmin& robots, const ActionRegistry& actions, StageTriggers triggers,
                         acl::AccessAdmin& admin);

}  // namespace orbita::kernel::automation
