// SPDX-License-Identifier: Apache-2.0
#include "entity/types_api.hpp"

#include "acl/access_profile.hpp"
#include "acl/scope.hpp"
#include "core/problem.hpp"
#include "entity/custom_field_service.hpp"
#include "entity/type_registry.hpp"
#include "http/router.hpp"

namespace orbita::kernel::entity {

using http::Request;
using http::Response;

namespace {

// Type metadata as the actor may see it: hidden fields are left out, and "access"
// tells the screens which actions to offer (the server enforces them regardless).
nlohmann::json type_for(const Actor& actor, const EntityType& type) {
    auto j = type.to_json();
    const auto* p = actor.access.get();
    if (p && !(p->administrator || p->system) && p->hides_fields(type.name())) {
        nlohmann::json fields = nlohmann::json::array();
        for (const auto& f : j["fields"]) {
            if (p->field_readable(type.name(), f["name"].get<std::string>())) fields.push_back(f);
        }
        j["fields"] = std::move(fields);
    }
    nlohmann::json access = nlohmann::json::object();
    for (const auto& op : acl::record_operations()) {
        access[op] = std::string(acl::to_string(p ? p->scope(type.name(), op) : acl::Scope::None));
    }
    nlohmann::json readonly = nlohmann::json::array();
    if (p) {
        for (const auto& f : type.fields()) {
            if (!f.system && p->field_readable(type.name(), f.name) && !p->field_writable(type.name(), f.name))
                readonly.push_back(f.name);
        }
    }
    access["readonly_fields"] = std::move(readonly);
    j["access"] = std::move(access);
    return j;
}

}  // namespace

void register_types_api(http::Router& router, TypeRegistry& registry, CustomFieldService& custom_fields) {
    router.add({.method = "GET", .pattern = "/api/v1/types", .handler = [&registry](Request& req) {
                    nlohmann::json items = nlohmann::json::array();
                    for (const auto& t : registry.all()) items.push_back(type_for(req.actor(), *t));
                    return Response::json({{"items", items}});
                },
                .summary = "All entity types with their fields", .tag = "types"});

    router.add({.method = "GET", .pattern = "/api/v1/types/{type}", .handler = [&registry](Request& req) {
                    return Response::json(type_for(req.actor(), *registry.get(req.param("type"))));
                },
                .summary = "One entity type", .tag = "types"});

    router.add({.method = "POST", .pattern = "/api/v1/types/{type}/fields", .handler = [&custom_fields](Request& req) {
                    return Response::json(201, custom_fields.add(req.actor(), req.param("type"), req.json_body()));
                },
                .summary = "Add a custom field (becomes a real, indexed column at once)", .tag = "types"});
}

}  // namespace orbita::kernel::entity
