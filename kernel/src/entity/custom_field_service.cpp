// SPDX-License-Identifier: Apache-2.0
#include "entity/custom_field_service.hpp"

#include "acl/access_profile.hpp"
#include "core/problem.hpp"
#include "entity/schema_sync.hpp"

#include <spdlog/spdlog.h>

namespace orbita::kernel::entity {

using storage::ReadKind;
using storage::SqlFragment;

std::vector<std::string> CustomFieldService::load() {
    std::vector<std::string> problems;
    auto rows = db_.read([&](storage::Connection& conn) {
        return conn.query(SqlFragment("SELECT entity_type, name, " +
                                      conn.dialect().select_expr("definition", storage::ColumnType::Json) +
                                      " FROM entity_custom_fields ORDER BY created_at, name"),
                          {ReadKind::Text, ReadKind::Text, ReadKind::Text});
    });
    for (const auto& row : rows) {
        const auto& type_name = std::get<std::string>(row[0]);
        auto type = registry_.find(type_name);
        if (!type) {
            problems.push_back("custom field " + type_name + "." + std::get<std::string>(row[1]) +
                               ": its entity type is not loaded; the field is kept but unused");
            continue;
        }
        std::vector<std::string> errors;
        auto field = parser_.parse_custom_field(*type, nlohmann::json::parse(std::get<std::string>(row[2])), errors);
        if (!field) {
            for (const auto& e : errors) problems.push_back("custom field " + type_name + ": " + e);
            continue;
        }
        registry_.replace(type->with_field(std::move(*field)));
    }
    return problems;
}

nlohmann::json CustomFieldService::add(const Actor& actor, const std::string& type_name,
                                       const nlohmann::json& declaration) {
    if (!actor.access || !(actor.access->administrator || actor.access->system)) {
        audit_.record(actor, "access.denied", {{"operation", "add custom field"}, {"reason", "administrators only"}}, type_name);
        throw Problem::forbidden("only administrators may add fields to entity types");
    }
    auto type = registry_.get(type_name);
    if (!declaration.is_object()) throw Problem::bad_request("send the field declaration as a JSON object");
    std::vector<std::string> errors;
    auto field = parser_.parse_custom_field(*type, declaration, errors);
    if (!field) {
        std::vector<FieldError> field_errors;
        for (const auto& e : errors) {
            auto colon = e.find(": ");
            field_errors.push_back({colon == std::string::npos ? "field" : e.substr(0, colon), "invalid_field",
                                    colon == std::string::npos ? e : e.substr(colon + 2)});
        }
        throw Problem::validation(std::move(field_errors));
    }
    if (!field->target.empty() && !registry_.find(field->target))
        throw Problem::validation({{"target", "unknown_type", "there is no entity type '" + field->target + "'"}});

    auto updated = type->with_field(*field);
    const auto* added = updated->field(field->name);
    db_.write([&](storage::Transaction& tx) {
        auto& conn = tx.conn();
        auto exists = conn.query_int(SqlFragment("SELECT COUNT(*) FROM entity_custom_fields WHERE entity_type = ")
                                         .bind(type_name)
                                         .sql(" AND name = ")
                                         .bind(field->name));
        if (exists.value_or(0) > 0)
            throw Problem::conflict("field-exists", "a field named '" + field->name + "' was just added to " + type_name);
        conn.exec(SqlFragment("INSERT INTO entity_custom_fields (entity_type, name, definition, created_at, created_by) VALUES (")
                      .bind(type_name)
                      .sql(", ")
                      .bind(field->name)
                      .sql(", ")
                      .bind(declaration.dump())
                      .sql(", ")
                      .bind(format_utc(clock_.now()))
                      .sql(", ")
                      .bind(actor.user_id > 0 ? storage::SqlValue(actor.user_id) : storage::SqlValue{})
                      .sql(")"));
        SchemaSync::add_field(conn, *updated, *added);
    });
    registry_.replace(updated);
    audit_.record(actor, "type.field_added", declaration, type_name);
    spdlog::info("custom field {}.{} ({}) added by {}", type_name, field->name, to_string(field->type), actor.login);
    return updated->to_json();
}

}  // namespace orbita::kernel::entity
