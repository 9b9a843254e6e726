// SPDX-License-Identifier: Apache-2.0
#include "automation/robots_api.hpp"

#include "acl/access_admin.hpp"
#include "automation/action_registry.hpp"
#include "automation/admin_routes.hpp"
#include "automation/robot_admin.hpp"

namespace orbita::kernel::automation {

using http::Request;
using http::Response;

void register_robots_api(http::Router& router, RobotAdmin& robots, const ActionRegistry& actions, StageTriggers triggers,
                         acl::AccessAdmin& admin) {
    AdminRoutes routes(router, admin, "robots");
    const std::string base = "/api/v1/admin/robots";
    routes.add("GET", "/api/v1/admin/robot-actions", "Robot actions: id, description, input schema, owner", "list robot actions",
               [&actions](Request&) { return Response::json({{"items", actions.list()}}); });
    routes.add("GET", "/api/v1/admin/pipelines/{id}/board", "A pipeline's stages with their robots and triggers", "read robots",
               [&robots, triggers](Request& r) {
                   auto board = robots.board(r.id_param("id"));
                   const auto by_stage = triggers(r.id_param("id"));
                   for (auto& stage : board["stages"])
                       stage["triggers"] = by_stage.value(std::to_string(stage["id"].get<std::int64_t>()), nlohmann::json::array());
                   return Response::json(board);
               });
    routes.add("POST", base, "Create a robot (checked: action, params, delay, condition, run-as)", "create robots",
               [&robots](Request& r) { return Response::json(201, robots.create(r.actor(), r.json_body())); });
    routes.add("GET", base + "/{id}", "A robot", "read robots", [&robots](Request& r) { return Response::json(robots.get(r.id_param("id"))); });
    routes.add("PATCH", base + "/{id}", "Change, enable or disable a robot", "change robots",
               [&robots](Request& r) { return Response::json(robots.update(r.actor(), r.id_param("id"), r.json_body())); });
    routes.add("DELETE", base + "/{id}", "Delete a robot (its pending runs are cancelled)", "delete robots", [&robots](Request& r) {
        robots.remove(r.actor(), r.id_param("id"));
        return Response::no_content();
    });
    routes.add("GET", base + "/{id}/runs", "Run history: scheduled and start time, duration, result, error, effects", "read robot runs",
               [&robots](Request& r) {
                   return Response::json(robots.runs(r.id_param("id"), AdminRoutes::int_param(r, "limit", 50, 1, 500),
                                                     AdminRoutes::int_param(r, "before", 0, 0, INT32_MAX)));
               });
    routes.add("POST", base + "/{id}/dry-run", "Run against a record in a rolled-back transaction: logs and effects", "run robots",
               [&robots](Request& r) { return Response::json(robots.dry_run(r.id_param("id"), r.json_body())); });
}

}  // namespace orbita::kernel::automation
