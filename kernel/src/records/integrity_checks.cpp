// SPDX-License-Identifier: Apache-2.0
#include "records/integrity_checks.hpp"

#include "core/problem.hpp"

namespace orbita::kernel::records {

using entity::FieldType;
using storage::SqlFragment;

void check_references(storage::Connection& conn, const entity::TypeRegistry& registry,
                      const std::vector<FieldWrite>& writes) {
    const auto& d = conn.dialect();
    std::vector<FieldError> errors;
    for (const auto& w : writes) {
        const auto& f = *w.field;
        if (w.value.is_null) continue;
        std::vector<std::int64_t> ids = w.value.links;
        if (entity::is_reference(f.type)) ids.push_back(*storage::as_int(w.value.columns.at(0)));
        if (ids.empty()) continue;
        std::string table;
        if (f.type == FieldType::File || f.type == FieldType::Files) {
            table = "files";
        } else {
            auto target = registry.find(f.reference_target());
            if (!target) {
                errors.push_back({f.name, "unknown_type", "target type '" + f.reference_target() + "' is not available"});
                continue;
            }
            table = target->table();
        }
        SqlFragment q("SELECT id FROM " + d.quote(table) + " WHERE id IN (");
        for (std::size_t i = 0; i < ids.size(); ++i) {
            if (i) q.sql(", ");
            q.bind(ids[i]);
        }
        q.sql(")");
        std::vector<std::int64_t> found;
        for (auto& row : conn.query(q, {storage::ReadKind::Int})) found.push_back(std::get<std::int64_t>(row[0]));
        for (auto id : ids) {
            if (std::find(found.begin(), found.end(), id) == found.end()) {
                const std::string what = table == "files" ? "file" : f.reference_target();
                errors.push_back({f.name, "not_found", "there is no " + what + " with id " + std::to_string(id)});
            }
        }
    }
    if (!errors.empty()) throw Problem::validation(std::move(errors));
}

void check_unique(storage::Connection& conn, const RecordLayout& layout, const std::vector<FieldWrite>& writes,
                  std::int64_t exclude_id) {
    const auto& d = conn.dialect();
    for (const auto& w : writes) {
        if (!w.field->unique || w.value.is_null) continue;
        const std::string column = entity::columns_of(w.field->name, w.field->type).front().name;
        SqlFragment q("SELECT id FROM " + d.quote(layout.type().table()) + " WHERE " + d.quote(column) + " = ");
        q.bind(w.value.columns.at(0));
        if (exclude_id > 0) q.sql(" AND id <> ").bind(exclude_id);
        q.sql(" LIMIT 1");
        if (auto holder = conn.query_int(q)) {
            throw Problem(409, "unique-violation", "Conflict",
                          w.field->name + ": the value is already used by " + layout.type().name() + " #" +
                              std::to_string(*holder),
                          {{w.field->name, "not_unique", "is already used by record " + std::to_string(*holder)}},
                          {{"existing_id", *holder}});
        }
    }
}

}  // namespace orbita::kernel::records
