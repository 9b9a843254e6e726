// SPDX-License-Identifier: Apache-2.0
// Entity type metadata endpoints.
#pragma once

namespace orbita::kernel::http {
class Router;
}

namespace orbita::kernel::entity {

class TypeRegistry;
class CustomFieldService;

/// GET /api/v1/types, GET /api/v1/types/{type}, POST /api/v1/types/{type}/fields.
void register_types_api(http::Router& router, TypeRegistry& registry, CustomFieldService& custom_fields);

}  // namespace orbita::kernel::entity
