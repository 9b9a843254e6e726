// SPDX-License-Identifier: Apache-2.0
#include "automation/pipelines_api.hpp"

#include "acl/access_admin.hpp"
#include "acl/access_profile.hpp"
#include "automation/admin_routes.hpp"
#include "automation/pipeline_admin.hpp"
#include "automation/record_mover.hpp"
#include "automation/request_schemas.hpp"
#include "core/problem.hpp"
#include "http/router.hpp"

namespace orbita::kernel::automation {

using http::Request;
using http::Response;

void register_pipelines_api(http::Router& router, PipelineAdmin& pipelines, RecordMover& mover,
                            const RequestSchemas& schemas, acl::AccessAdmin& admin) {
    auto add = [&](const char* method, std::string pattern, const char* summary, http::Handler handler) {
        router.add({.method = method, .pattern = std::move(pattern), .handler = std::move(handler), .summary = summary,
                    .tag = "pipelines"});
    };
    add("GET", "/api/v1/types/{type}/pipelines", "Pipelines of a type with their stages (for kanban boards)", [&pipelines](Request& r) {
        const auto& type = r.param("type");
        if (!r.actor().access || !r.actor().access->can(type, "read"))
            throw Problem::forbidden("reading " + type + " records is needed to see its pipelines");
        return Response::json(pipelines.list(type));
    });
    add("POST", "/api/v1/records/{type}/{id}/move", "Move a record to a stage (of another pipeline too)",
        [&mover, &schemas](Request& r) {
            auto body = r.json_body();
            schemas.check("move", body);
            auto pipeline = body.contains("pipeline") ? std::optional<std::string>(body["pipeline"].get<std::string>()) : std::nullopt;
            auto version = body.contains("version") ? std::optional<std::int64_t>(body["version"].get<std::int64_t>()) : std::nullopt;
            auto moved = mover.move(r.actor(), r.param("type"), r.id_param("id"), body["stage"].get<std::string>(), pipeline, version);
            return Response::json(moved.record);
        });

    AdminRoutes routes(router, admin, "pipelines");
    const std::string base = "/api/v1/admin/pipelines";
    routes.add("GET", base, "Pipelines of ?type= with their stages", "list pipelines", [&pipelines](Request& r) {
        auto type = r.query_param("type");
        if (!type) throw Problem::validation({{"type", "required", "name the entity type: ?type=deal"}});
        return Response::json(pipelines.list(*type));
    });
    routes.add("POST", base, "Create a pipeline (with stages)", "create pipelines",
                [&pipelines](Request& r) { return Response::json(201, pipelines.create(r.actor(), r.json_body())); });
    routes.add("GET", base + "/{id}", "A pipeline with its stages", "read pipelines",
                [&pipelines](Request& r) { return Response::json(pipelines.get(r.id_param("id"))); });
    routes.add("PATCH", base + "/{id}", "Rename a pipeline or make it the default", "change pipelines", [&pipelines](Request& r) {
        return Response::json(pipelines.update(r.actor(), r.id_param("id"), r.json_body()));
    });
    routes.add("DELETE", base + "/{id}", "Delete a pipeline no record uses", "delete pipelines", [&pipelines](Request& r) {
        pipelines.remove(r.actor(), r.id_param("id"));
        return Response::no_content();
    });
    routes.add("POST", base + "/{id}/stages", "Add a stage", "change stages", [&pipelines](Request& r) {
        return Response::json(201, pipelines.add_stage(r.actor(), r.id_param("id"), r.json_body()));
    });
    routes.add("PUT", base + "/{id}/stages/order", "Reorder the stages", "change stages", [&pipelines](Request& r) {
        return Response::json(pipelines.reorder(r.actor(), r.id_param("id"), r.json_body()));
    });
    routes.add("PATCH", "/api/v1/admin/stages/{id}", "Rename, recolour or change the kind of a stage", "change stages",
                [&pipelines](Request& r) {
                    return Response::json(pipelines.update_stage(r.actor(), r.id_param("id"), r.json_body()));
                });
    routes.add("DELETE", "/api/v1/admin/stages/{id}", "Delete a stage no record uses (with its robots and triggers)",
                "delete stages", [&pipelines](Request& r) {
                    pipelines.remove_stage(r.actor(), r.id_param("id"));
                    return Response::no_content();
                });
}

}  // namespace orbita::kernel::automation
