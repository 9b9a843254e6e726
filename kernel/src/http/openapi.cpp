// SPDX-License-Identifier: Apache-2.0
#include "http/openapi.hpp"

namespace orbita::kernel::http {

using entity::FieldType;
using nlohmann::json;

namespace {

json nullable(json schema) {
    if (schema.contains("type") && schema["type"].is_string()) {
        schema["type"] = json::array({schema["type"], "null"});
    } else {
        schema = {{"anyOf", json::array({schema, {{"type", "null"}}})}};
    }
    return schema;
}

json problem_ref() { return {{"$ref", "#/components/schemas/Problem"}}; }

json responses(int ok_status, json ok_schema) {
    json problem = {{"description", "Problem details (RFC 9457)"},
                    {"content", {{"application/problem+json", {{"schema", problem_ref()}}}}}};
    json out = {{std::to_string(ok_status), {{"description", "Success"}, {"content", {{"application/json", {{"schema", ok_schema}}}}}}},
                {"400", problem}, {"401", problem}, {"404", problem}};
    return out;
}

json path_param(const std::string& name, json schema) {
    return {{"name", name}, {"in", "path"}, {"required", true}, {"schema", std::move(schema)}};
}

json query_param(const std::string& name, const std::string& description) {
    return {{"name", name}, {"in", "query"}, {"required", false}, {"description", description}, {"schema", {{"type", "string"}}}};
}

void add_type_paths(json& paths, const entity::EntityType& t) {
    const std::string base = "/api/v1/records/" + t.name();
    const json record = {{"$ref", "#/components/schemas/" + t.name()}};
    const json input = {{"$ref", "#/components/schemas/" + t.name() + "_input"}};
    const json id = path_param("id", {{"type", "integer"}, {"minimum", 1}});
    const std::string label = t.label.value("en", t.name());
    json page = {{"type", "object"},
                 {"properties", {{"items", {{"type", "array"}, {"items", record}}},
                                 {"next_cursor", {{"type", json::array({"string", "null"})}}},
                                 {"limit", {{"type", "integer"}}},
                                 {"total", {{"type", "integer"}}}}}};
    paths[base]["get"] = {{"tags", {t.name()}},
                          {"summary", "List " + t.plural.value("en", t.name())},
                          {"parameters", {query_param("filter", "Filter tree as JSON, or filter[field][op]=value"),
                                          query_param("sort", "Fields, '-' for descending: -created_at,title"),
                                          query_param("limit", "Page size"), query_param("cursor", "next_cursor of the previous page"),
                                          query_param("q", "Full-text search"), query_param("archived", "false, true or all"),
                                          query_param("count", "true adds the total")}},
                          {"responses", responses(200, page)}};
    paths[base]["post"] = {{"tags", {t.name()}},
                           {"summary", "Create a " + label},
                           {"requestBody", {{"required", true}, {"content", {{"application/json", {{"schema", input}}}}}}},
                           {"responses", responses(201, record)}};
    paths[base + "/{id}"]["parameters"] = {id};
    paths[base + "/{id}"]["get"] = {{"tags", {t.name()}}, {"summary", "Get a " + label}, {"responses", responses(200, record)}};
    json patch_input = input;
    paths[base + "/{id}"]["patch"] = {
        {"tags", {t.name()}},
        {"summary", "Change a " + label + " (send version or If-Match; 409 on a stale version)"},
        {"requestBody", {{"required", true}, {"content", {{"application/json", {{"schema", patch_input}}}}}}},
        {"responses", responses(200, record)}};
    paths[base + "/{id}"]["delete"] = {{"tags", {t.name()}}, {"summary", "Archive a " + label}, {"responses", responses(200, record)}};
    paths[base + "/{id}/restore"]["post"] = {{"tags", {t.name()}}, {"parameters", {id}}, {"summary", "Restore"}, {"responses", responses(200, record)}};
    paths[base + "/{id}/history"]["get"] = {{"tags", {t.name()}}, {"parameters", {id}}, {"summary", "Change history"},
                                            {"responses", responses(200, {{"type", "object"}})}};
    paths[base + "/aggregate"]["get"] = {{"tags", {t.name()}},
                                         {"summary", "Aggregates of " + t.plural.value("en", t.name())},
                                         {"parameters", {query_param("metrics", "count,sum:field,avg:field,min:field,max:field"),
                                                         query_param("group_by", "field or date_field:day|week|month|quarter|year"),
                                                         query_param("tz", "IANA time zone for buckets")}},
                                         {"responses", responses(200, {{"type", "object"}})}};
}

}  // namespace

json field_schema(const entity::FieldDef& f, bool for_input) {
    json s;
    switch (f.type) {
        case FieldType::String:
        case FieldType::Text:
            s = {{"type", "string"}};
            if (f.max_length) s["maxLength"] = *f.max_length;
            break;
        case FieldType::Int: s = {{"type", "integer"}}; break;
        case FieldType::Decimal: s = {{"type", "number"}}; break;
        case FieldType::Money:
            s = {{"type", "object"},
                 {"properties", {{"amount", {{"type", "number"}}}, {"currency", {{"type", "string"}, {"pattern", "^[A-Z]{3}$"}}}}},
                 {"required", {"amount"}}};
            if (for_input) s = {{"anyOf", json::array({s, {{"type", "number"}}})}};
            break;
        case FieldType::Bool: s = {{"type", "boolean"}}; break;
        case FieldType::Date: s = {{"type", "string"}, {"format", "date"}}; break;
        case FieldType::DateTime: s = {{"type", "string"}, {"format", "date-time"}}; break;
        case FieldType::Time: s = {{"type", "string"}, {"pattern", "^\\d{2}:\\d{2}(:\\d{2})?$"}}; break;
        case FieldType::Duration: s = {{"type", "integer"}, {"minimum", 0}, {"description", "seconds"}}; break;
        case FieldType::Enum: {
            json values = json::array();
            for (const auto& v : f.values) values.push_back(v.value);
            s = {{"type", "string"}, {"enum", values}};
            break;
        }
        case FieldType::Ref:
        case FieldType::User:
        case FieldType::File: s = {{"type", "integer"}, {"minimum", 1}}; break;
        case FieldType::Refs:
        case FieldType::Files: s = {{"type", "array"}, {"items", {{"type", "integer"}, {"minimum", 1}}}}; break;
        case FieldType::Phone:
            s = for_input ? json{{"type", "string"}, {"description", "any common format; stored as E.164"}}
                          : json{{"type", "object"}, {"properties", {{"e164", {{"type", "string"}}}, {"raw", {{"type", "string"}}}}}};
            break;
        case FieldType::Email: s = {{"type", "string"}, {"format", "email"}}; break;
        case FieldType::Json: s = json::object(); break;
        case FieldType::Autonumber: s = {{"type", "string"}, {"readOnly", true}}; break;
    }
    if (f.minimum && s.contains("type")) s["minimum"] = *f.minimum;
    if (f.maximum && s.contains("type")) s["maximum"] = *f.maximum;
    if (f.label.contains("en")) s["title"] = f.label["en"];
    if (!f.description.empty()) s["description"] = f.description;
    if (f.system || f.computed) s["readOnly"] = true;
    return f.required || f.type == FieldType::Json || entity::is_multi_valued(f.type) ? s : nullable(s);
}

json build_openapi(const entity::TypeRegistry& registry, const Router& router, const std::string& version) {
    json doc = {{"openapi", "3.1.0"},
                {"info", {{"title", "Orbita CRM API"}, {"version", version},
                          {"description", "Records of every entity type, metadata, files and administration. "
                                          "Errors are application/problem+json (RFC 9457)."}}},
                {"paths", json::object()},
                {"components", {{"schemas", json::object()}}}};
    auto& schemas = doc["components"]["schemas"];
    schemas["Problem"] = {{"type", "object"},
                          {"properties", {{"type", {{"type", "string"}}}, {"title", {{"type", "string"}}},
                                          {"status", {{"type", "integer"}}}, {"detail", {{"type", "string"}}},
                                          {"instance", {{"type", "string"}}}, {"request_id", {{"type", "string"}}},
                                          {"errors", {{"type", "array"}, {"items", {{"type", "object"},
                                                     {"properties", {{"field", {{"type", "string"}}}, {"code", {{"type", "string"}}},
                                                                     {"message", {{"type", "string"}}}}}}}}}}}};
    for (const auto& t : registry.all()) {
        json props = json::object(), input_props = json::object(), required = json::array(), input_required = json::array();
        for (const auto& f : t->fields()) {
            props[f.name] = field_schema(f, false);
            required.push_back(f.name);
            if (f.system || f.computed) continue;
            input_props[f.name] = field_schema(f, true);
            if (f.required && !f.default_value) input_required.push_back(f.name);
        }
        props["_title"] = {{"type", "string"}, {"readOnly", true}};
        input_props["version"] = {{"type", "integer"}, {"description", "PATCH: the version the change is based on"}};
        schemas[t->name()] = {{"type", "object"}, {"title", t->label.value("en", t->name())}, {"properties", props},
                              {"required", required}};
        schemas[t->name() + "_input"] = {{"type", "object"}, {"additionalProperties", false}, {"properties", input_props},
                                         {"required", input_required}};
        add_type_paths(doc["paths"], *t);
    }
    for (const auto& r : router.routes()) {
        if (r->pattern.rfind("/api/v1/records/{type}", 0) == 0) continue;  // expanded per type above
        std::string method = r->method;
        for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        json op = {{"summary", r->summary}, {"tags", {r->tag.empty() ? r->owner : r->tag}}, {"responses", responses(200, json::object())}};
        json params = json::array();
        for (const auto& seg : r->segments) {
            if (seg.size() > 2 && seg.front() == '{') params.push_back(path_param(seg.substr(1, seg.size() - 2), {{"type", "string"}}));
        }
        if (!params.empty()) op["parameters"] = params;
        if (r->public_access) op["security"] = json::array();
        for (const auto& [k, v] : r->openapi.items()) op[k] = v;
        doc["paths"][r->pattern][method] = op;
    }
    return doc;
}

}  // namespace orbita::kernel::http
