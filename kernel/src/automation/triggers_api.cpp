// SPDX-License-Identifier: Apache-2.0
#include "automation/triggers_api.hpp"

#include "automation/admin_routes.hpp"
#include "automation/trigger_admin.hpp"
#include "automation/trigger_engine.hpp"
#include "core/problem.hpp"

namespace orbita::kernel::automation {

using http::Request;
using http::Response;

void register_triggers_api(http::Router& router, TriggerAdmin& triggers, TriggerEngine& engine,
                           std::function<nlohmann::json()> sources, acl::AccessAdmin& admin) {
    AdminRoutes routes(router, admin, "triggers");
    const std::string base = "/api/v1/admin/triggers";
    routes.add("GET", "/api/v1/admin/trigger-sources", "Trigger kinds and the trigger sources plugins declare", "list trigger sources",
               [sources](Request&) { return Response::json(sources()); });
    routes.add("GET", base, "Triggers of ?type=", "list triggers", [&triggers](Request& r) {
        auto type = r.query_param("type");
        if (!type) throw Problem::validation({{"type", "required", "name the entity type: ?type=deal"}});
        return Response::json(triggers.list(*type));
    });
    routes.add("POST", base, "Create a trigger (a webhook trigger's secret is answered once)", "create triggers",
               [&triggers](Request& r) { return Response::json(201, triggers.create(r.actor(), r.json_body())); });
    routes.add("GET", base + "/{id}", "A trigger", "read triggers", [&triggers](Request& r) { return Response::json(triggers.get(r.id_param("id"))); });
    routes.add("PATCH", base + "/{id}", "Change, enable or disable a trigger", "change triggers",
               [&triggers](Request& r) { return Response::json(triggers.update(r.actor(), r.id_param("id"), r.json_body())); });
    routes.add("DELETE", base + "/{id}", "Delete a trigger", "delete triggers", [&triggers](Request& r) {
        triggers.remove(r.actor(), r.id_param("id"));
        return Response::no_content();
    });
    routes.add("POST", base + "/{id}/secret", "A new secret for a webhook trigger", "change triggers",
               [&triggers](Request& r) { return Response::json(triggers.rotate_secret(r.actor(), r.id_param("id"))); });
    routes.add("GET", base + "/{id}/runs", "When the trigger fired: record, result, error", "read trigger runs", [&triggers](Request& r) {
        return Response::json(triggers.runs(r.id_param("id"), AdminRoutes::int_param(r, "limit", 50, 1, 500),
                                            AdminRoutes::int_param(r, "before", 0, 0, INT32_MAX)));
    });
    router.add({.method = "POST",
                .pattern = "/api/v1/hooks/triggers/{id}",
                .handler = [&engine](Request& r) {
                    // The secret is checked before the body is even read.
                    const auto trigger = engine.authorize(r.id_param("id"), r.header("X-Orbita-Trigger-Secret"));
                    return Response::json(engine.hook(trigger, r.json_body()));
                },
                .public_access = true,
                .summary = "Incoming webhook: move a record {record_id} to the trigger's stage (secret in X-Orbita-Trigger-Secret)",
                .tag = "triggers"});
}

}  // namespace orbita::kernel::automation
