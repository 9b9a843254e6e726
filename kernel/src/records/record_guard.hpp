// SPDX-License-Identifier: Apache-2.0
// Permission checks of the records repository: rows, fields, refusals.
#pragma once

#include "acl/record_access.hpp"
#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "entity/type_registry.hpp"
#include "records/filter_compiler.hpp"
#include "records/record_input.hpp"
#include "storage/connection.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace orbita::kernel::records {

/// Applies the access model to record operations so that RecordRepository states
/// *what* it does and this class *who may*. Rules:
///   - a list, aggregate or export by someone without read (export) permission on the
///     type is 403; a record outside the reader's scope is 404 (existence must not leak);
///   - a write to a record the actor can see but not change is 403;
///   - a record must lie inside the actor's scope after a create or update too, so
///     nobody can hand a record to someone outside their reach;
///   - hidden fields never leave the server and cannot be filtered, sorted, grouped,
///     searched or written (they behave as if they did not exist); read-only fields
///     cannot be written (403);
///   - every refusal is audited as `access.denied`.
class RecordGuard {
public:
    RecordGuard(const entity::TypeRegistry& types, const acl::RecordAccess& access, audit::AuditLog& audit)
        : types_(types), access_(access), audit_(audit) {}

    /// True when the actor bypasses all checks (administrator or system actor).
    static bool unrestricted(const Actor& actor);

    /// The predicate limiting rows the actor may `operation` ("read", "export", ...);
    /// empty means every row. Throws 403 (audited) if the actor may not at all.
    storage::SqlFragment rows(const Actor& actor, const entity::EntityType& type, const std::string& operation,
                              const std::string& alias);
    /// Like rows() but "no permission" is "no rows" instead of 403 (reference paths,
    /// single-record reads that must answer 404).
    storage::SqlFragment rows_or_none(const Actor& actor, const entity::EntityType& type, const std::string& operation,
                                      const std::string& alias) const;

    /// Whether `field` of `type` exists for the actor (hidden fields do not).
    bool visible(const Actor& actor, const entity::EntityType& type, const entity::FieldDef& field) const;
    /// A gate for filters, sorts and aggregates over `type` and its reference targets.
    FieldGate gate(const Actor& actor) const;
    /// A scope hook for subqueries of reference paths.
    RowScope row_scope(const Actor& actor) const;

    /// Per field of `type` (in declaration order), 1 when `actor` may read it; empty
    /// when every field is readable (the common case costs nothing).
    std::vector<char> shown_fields(const Actor& actor, const entity::EntityType& type) const;
    /// Removes hidden fields from a record's JSON.
    void strip(const Actor& actor, const entity::EntityType& type, nlohmann::json& record) const;
    /// Removes hidden fields from history entries, and entries that changed nothing else.
    void strip_history(const Actor& actor, const entity::EntityType& type, nlohmann::json& entries) const;

    /// Refuses writes of hidden (422 unknown field) and read-only (403) fields.
    void check_fields(const Actor& actor, const entity::EntityType& type, const std::vector<FieldWrite>& writes);
    /// Refuses an operation the actor has no permission for on the type at all (403).
    void check_operation(const Actor& actor, const entity::EntityType& type, const std::string& operation);
    /// Refuses when record `id` is not within the actor's scope for `operation`:
    /// 404 when the actor cannot even read it, 403 otherwise. Runs inside `conn`'s
    /// transaction so a failed post-write check rolls the write back.
    void check_row(storage::Connection& conn, const Actor& actor, const entity::EntityType& type, std::int64_t id,
                   const std::string& operation);

    /// After a write: refuses (403, rolling the write back) when the record no longer
    /// lies within the actor's scope for `operation`.
    void check_result(storage::Connection& conn, const Actor& actor, const entity::EntityType& type, std::int64_t id,
                      const std::string& operation);

    /// Writes the audit entry of a refusal and returns the Problem to throw.
    Problem deny(const Actor& actor, const entity::EntityType& type, std::int64_t id, const std::string& operation,
                 int status, const std::string& detail);

private:
    bool in_scope(storage::Connection& conn, const Actor& actor, const entity::EntityType& type, std::int64_t id,
                  const std::string& operation) const;

    const entity::TypeRegistry& types_;
    const acl::RecordAccess& access_;
    audit::AuditLog& audit_;
};

}  // namespace orbita::kernel::records
