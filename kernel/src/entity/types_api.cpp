// SPDX-License-Identifier: Apache-2.0
#include "entity/types_api.hpp"

#include "entity/custom_field_service.hpp"
#include "entity/type_registry.hpp"
#include "http/router.hpp"

namespace orbita::kernel::entity {

using http::Request;
using http::Response;

void register_types_api(http::Router& router, TypeRegistry& registry, CustomFieldService& custom_fields) {
    router.add({.method = "GET", .pattern = "/api/v1/types", .handler = [&registry](Request&) {
                    nlohmann::json items = nlohmann::json::array();
                    for (const auto& t : registry.all()) items.push_back(t->to_json());
                    return Response::json({{"items", items}});
                },
                .summary = "All entity types with their fields", .tag = "types"});

    router.add({.method = "GET", .pattern = "/api/v1/types/{type}", .handler = [&registry](Request& req) {
                    return Response::json(registry.get(req.param("type"))->to_json());
                },
                .summary = "One entity type", .tag = "types"});

    router.add({.method = "POST", .pattern = "/api/v1/types/{type}/fields", .handler = [&custom_fields](Request& req) {
                    return Response::json(201, custom_fields.add(req.actor(), req.param("type"), req.json_body()));
                },
                .summary = "Add a custom field (becomes a real, indexed column at once)", .tag = "types"});
}

}  // namespace orbita::kernel::entity
