// SPDX-License-Identifier: Apache-2.0
#include "records/record_guard.hpp"

#include "acl/access_profile.hpp"
#include "core/nearest_name.hpp"
#include "storage/dialect.hpp"

namespace orbita::kernel::records {

using storage::SqlFragment;

namespace {

const acl::AccessProfile& profile_of(const Actor& actor) {
    static const acl::AccessProfile nobody;
    return actor.access ? *actor.access : nobody;
}

}  // namespace

bool RecordGuard::unrestricted(const Actor& actor) {
    return actor.access && (actor.access->administrator || actor.access->system);
}

Problem RecordGuard::deny(const Actor& actor, const entity::EntityType& type, std::int64_t id,
                          const std::string& operation, int status, const std::string& detail) {
    audit_.record(actor, "access.denied", {{"operation", operation}, {"status", status}, {"reason", detail}}, type.name(), id);
    if (status == 404) return Problem::not_found(type.name() + " #" + std::to_string(id) + " does not exist");
    return Problem::forbidden(detail);
}

SqlFragment RecordGuard::rows(const Actor& actor, const entity::EntityType& type, const std::string& operation,
                              const std::string& alias) {
    if (unrestricted(actor)) return {};
    auto access = access_.rows(profile_of(actor), type, operation, alias);
    if (!access.any) throw deny(actor, type, 0, operation, 403, "you may not " + operation + " " + type.name() + " records");
    return std::move(access.predicate);
}

SqlFragment RecordGuard::rows_or_none(const Actor& actor, const entity::EntityType& type, const std::string& operation,
                                      const std::string& alias) const {
    if (unrestricted(actor)) return {};
    auto access = access_.rows(profile_of(actor), type, operation, alias);
    if (!access.any) return SqlFragment("1 = 0");
    return std::move(access.predicate);
}

bool RecordGuard::visible(const Actor& actor, const entity::EntityType& type, const entity::FieldDef& field) const {
    return unrestricted(actor) || profile_of(actor).field_readable(type.name(), field.name);
}

FieldGate RecordGuard::gate(const Actor& actor) const {
    if (unrestricted(actor)) return nullptr;
    auto profile = actor.access;
    return [profile](const entity::EntityType& type, const entity::FieldDef& field) {
        return profile && profile->field_readable(type.name(), field.name);
    };
}

RowScope RecordGuard::row_scope(const Actor& actor) const {
    if (unrestricted(actor)) return nullptr;
    return [this, actor](const entity::EntityType& type, const std::string& alias) {
        return rows_or_none(actor, type, acl::kRead, alias);
    };
}

std::vector<char> RecordGuard::shown_fields(const Actor& actor, const entity::EntityType& type) const {
    if (unrestricted(actor) || !profile_of(actor).hides_fields(type.name())) return {};
    std::vector<char> shown;
    shown.reserve(type.fields().size());
    for (const auto& f : type.fields()) shown.push_back(visible(actor, type, f) ? 1 : 0);
    return shown;
}

void RecordGuard::strip(const Actor& actor, const entity::EntityType& type, nlohmann::json& record) const {
    if (unrestricted(actor) || !profile_of(actor).hides_fields(type.name())) return;
    for (const auto& f : type.fields()) {
        if (!visible(actor, type, f)) record.erase(f.name);
    }
}

void RecordGuard::strip_history(const Actor& actor, const entity::EntityType& type, nlohmann::json& entries) const {
    if (unrestricted(actor) || !profile_of(actor).hides_fields(type.name())) return;
    nlohmann::json kept = nlohmann::json::array();
    for (auto& entry : entries) {
        if (entry.contains("changes") && entry["changes"].is_object() && !entry["changes"].empty()) {
            for (const auto& f : type.fields()) {
                if (!visible(actor, type, f)) entry["changes"].erase(f.name);
            }
            // A change of hidden fields only did not happen as far as this reader
            // knows: an empty entry would still reveal when they changed.
            if (entry["changes"].empty()) continue;
        }
        kept.push_back(std::move(entry));
    }
    entries = std::move(kept);
}

void RecordGuard::check_fields(const Actor& actor, const entity::EntityType& type, const std::vector<FieldWrite>& writes) {
    if (unrestricted(actor)) return;
    const auto& p = profile_of(actor);
    std::vector<FieldError> hidden, readonly;
    for (const auto& w : writes) {
        if (!p.field_readable(type.name(), w.field->name)) {
            hidden.push_back({w.field->name, "unknown_field", "unknown field '" + w.field->name + "' of " + type.name()});
        } else if (!p.field_writable(type.name(), w.field->name)) {
            readonly.push_back({w.field->name, "forbidden_field", "you may not change this field"});
        }
    }
    if (!hidden.empty()) {
        audit_.record(actor, "access.denied", {{"operation", "write_field"}, {"fields", hidden.front().field}}, type.name(), 0);
        throw Problem::validation(std::move(hidden));
    }
    if (!readonly.empty()) {
        audit_.record(actor, "access.denied", {{"operation", "write_field"}, {"fields", readonly.front().field}}, type.name(), 0);
        // Built before `readonly` is moved: argument evaluation order is unspecified.
        std::string detail = "you may not change " + readonly.front().field;
        throw Problem(403, "forbidden-field", "Forbidden", std::move(detail), std::move(readonly));
    }
}

void RecordGuard::check_operation(const Actor& actor, const entity::EntityType& type, const std::string& operation) {
    if (unrestricted(actor)) return;
    if (!access_.rows(profile_of(actor), type, operation, "t").any)
        throw deny(actor, type, 0, operation, 403, "you may not " + operation + " " + type.name() + " records");
}

bool RecordGuard::in_scope(storage::Connection& conn, const Actor& actor, const entity::EntityType& type,
                           std::int64_t id, const std::string& operation) const {
    auto predicate = rows_or_none(actor, type, operation, "t");
    if (predicate.empty()) return true;
    SqlFragment q("SELECT COUNT(*) FROM " + conn.dialect().quote(type.table()) + " AS t WHERE t.\"id\" = ");
    q.bind(id).sql(" AND ").append(predicate);
    return conn.query_int(q).value_or(0) > 0;
}

void RecordGuard::check_row(storage::Connection& conn, const Actor& actor, const entity::EntityType& type,
                            std::int64_t id, const std::string& operation) {
    if (unrestricted(actor)) return;
    if (in_scope(conn, actor, type, id, operation)) return;
    if (operation == acl::kRead || !in_scope(conn, actor, type, id, acl::kRead))
        throw deny(actor, type, id, operation, 404, "outside the actor's read scope");
    throw deny(actor, type, id, operation, 403,
               "you may not " + operation + " this " + type.name() + " (it is outside your scope)");
}

void RecordGuard::check_result(storage::Connection& conn, const Actor& actor, const entity::EntityType& type,
                               std::int64_t id, const std::string& operation) {
    if (unrestricted(actor) || in_scope(conn, actor, type, id, operation)) return;
    throw deny(actor, type, id, operation, 403,
               "the " + type.name() + " would be outside your scope (owner or department you may not assign)");
}

}  // namespace orbita::kernel::records
