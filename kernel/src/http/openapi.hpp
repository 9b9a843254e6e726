// SPDX-License-Identifier: Apache-2.0
// /api/v1/openapi.json, generated from entity types and registered routes.
#pragma once

#include "entity/type_registry.hpp"
#include "http/router.hpp"

#include <nlohmann/json.hpp>

namespace orbita::kernel::http {

/// An OpenAPI 3.1 document: one schema per entity type (as read, and as written) and
/// concrete record paths per type, plus every other registered route with its summary.
/// Custom fields appear as soon as they are added.
nlohmann::json build_openapi(const entity::TypeRegistry& registry, const Router& router, const std::string& version);

/// The JSON Schema of one field's API value.
nlohmann::json field_schema(const entity::FieldDef& field, bool for_input);

}  // namespace orbita::kernel::http
