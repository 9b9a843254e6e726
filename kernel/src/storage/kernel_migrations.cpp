// SPDX-License-Identifier: Apache-2.0
#include "storage/kernel_migrations.hpp"

#include "lists/saved_list_store.hpp"
#include "processes/process_migration.hpp"
#include "storage/automation_tables.hpp"
#include "storage/dialect.hpp"

namespace orbita::kernel::storage {

namespace {

std::vector<std::string> core_tables(const Dialect& d) {
    const std::string ts = d.column_type(ColumnType::Timestamp);
    const std::string json = d.column_type(ColumnType::Json);
    return {
        // Who changed which fields of which record; also the write audit trail.
        "CREATE TABLE record_history (" + d.id_column() +
            ", entity_type TEXT NOT NULL, record_id BIGINT NOT NULL, version BIGINT NOT NULL, action TEXT NOT NULL,"
            " actor_id BIGINT, at " + ts + " NOT NULL, changes " + json + " NOT NULL)",
        "CREATE INDEX record_history_record ON record_history (entity_type, record_id, id)",
        // Gap-free counters for autonumber fields: incremented inside the creating transaction.
        "CREATE TABLE autonumber_counters (entity_type TEXT NOT NULL, field TEXT NOT NULL, scope_key TEXT NOT NULL,"
        " last_value BIGINT NOT NULL, PRIMARY KEY (entity_type, field, scope_key))",
        // Fields added by administrators at run time; their columns are added by ALTER TABLE.
        "CREATE TABLE entity_custom_fields (entity_type TEXT NOT NULL, name TEXT NOT NULL, definition " + json +
            " NOT NULL, created_at " + ts + " NOT NULL, created_by BIGINT, PRIMARY KEY (entity_type, name))",
        // Uploaded files: content lives on disk under its sha256, metadata here.
        "CREATE TABLE files (" + d.id_column() +
            ", sha256 TEXT NOT NULL, name TEXT NOT NULL, content_type TEXT NOT NULL, size BIGINT NOT NULL,"
            " uploaded_by BIGINT, uploaded_at " + ts + " NOT NULL)",
        "CREATE INDEX files_sha256 ON files (sha256)",
    };
}

std::vector<std::string> identity_tables(const Dialect& d) {
    const std::string ts = d.column_type(ColumnType::Timestamp);
    const std::string json = d.column_type(ColumnType::Json);
    const std::string boolean = d.column_type(ColumnType::Bool);
    const std::string no = d.name() == "sqlite" ? "0" : "FALSE";
    const std::string yes = d.name() == "sqlite" ? "1" : "TRUE";
    return {
        // Roles hold permissions; the two built-in ones are marked and cannot be removed.
        "CREATE TABLE roles (" + d.id_column() + ", name TEXT NOT NULL UNIQUE, label " + json +
            " NOT NULL, description TEXT NOT NULL DEFAULT '', builtin " + boolean + " NOT NULL DEFAULT " + no +
            ", require_totp " + boolean + " NOT NULL DEFAULT " + no + ", created_at " + ts + " NOT NULL)",
        "CREATE TABLE role_permissions (role_id BIGINT NOT NULL REFERENCES roles (id) ON DELETE CASCADE,"
        " target TEXT NOT NULL, operation TEXT NOT NULL, scope TEXT NOT NULL, PRIMARY KEY (role_id, target, operation))",
        "CREATE TABLE role_field_rules (role_id BIGINT NOT NULL REFERENCES roles (id) ON DELETE CASCADE,"
        " entity_type TEXT NOT NULL, field TEXT NOT NULL, access TEXT NOT NULL, PRIMARY KEY (role_id, entity_type, field))",
        "CREATE TABLE user_roles (user_id BIGINT NOT NULL, role_id BIGINT NOT NULL REFERENCES roles (id) ON DELETE CASCADE,"
        " PRIMARY KEY (user_id, role_id))",
        "CREATE INDEX user_roles_role ON user_roles (role_id)",
        // Personal grants and denials (scope none) win over what the roles give.
        "CREATE TABLE user_overrides (user_id BIGINT NOT NULL, target TEXT NOT NULL, operation TEXT NOT NULL,"
        " scope TEXT NOT NULL, PRIMARY KEY (user_id, target, operation))",
        "CREATE TABLE user_credentials (user_id BIGINT PRIMARY KEY, password_hash TEXT, totp_secret TEXT,"
        " totp_enabled " + boolean + " NOT NULL DEFAULT " + no + ", totp_last_step BIGINT NOT NULL DEFAULT 0,"
        " password_changed_at " + ts + ")",
        // Failed sign-ins per login name (also for names that do not exist, so lockout
        // behaviour does not reveal which logins exist).
        "CREATE TABLE login_failures (login TEXT PRIMARY KEY, failures INTEGER NOT NULL, first_failure_at " + ts +
            " NOT NULL, locked_until " + ts + ")",
        "CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id BIGINT NOT NULL, csrf_token TEXT NOT NULL,"
        " created_at " + ts + " NOT NULL, last_seen_at " + ts + " NOT NULL, expires_at " + ts +
            " NOT NULL, ip TEXT, user_agent TEXT, restricted " + boolean + " NOT NULL DEFAULT " + no +
            ", revoked_at " + ts + ")",
        "CREATE INDEX sessions_user ON sessions (user_id)",
        "CREATE TABLE api_tokens (" + d.id_column() + ", user_id BIGINT NOT NULL, name TEXT NOT NULL,"
            " token_hash TEXT NOT NULL UNIQUE, prefix TEXT NOT NULL, created_at " + ts + " NOT NULL, expires_at " + ts +
            ", last_used_at " + ts + ", revoked_at " + ts + ")",
        "CREATE INDEX api_tokens_user ON api_tokens (user_id)",
        // Security events: sign-ins, refusals, changes of rights and tokens. Record
        // changes stay in record_history; GET /api/v1/audit shows both.
        "CREATE TABLE audit_log (" + d.id_column() + ", at " + ts +
            " NOT NULL, actor_id BIGINT, actor TEXT NOT NULL, action TEXT NOT NULL, entity_type TEXT, record_id BIGINT,"
            " details " + json + " NOT NULL, ip TEXT, request_id TEXT)",
        "CREATE INDEX audit_log_at ON audit_log (at)",
        "CREATE INDEX audit_log_actor ON audit_log (actor_id, at)",
        "ALTER TABLE record_history ADD COLUMN request_id TEXT",
        "CREATE INDEX record_history_at ON record_history (at)",
        "CREATE INDEX record_history_actor ON record_history (actor_id, at)",
        "INSERT INTO roles (name, label, description, builtin, created_at) VALUES ('administrator', "
        "'{\"ru\": \"Администратор\", \"en\": \"Administrator\"}', 'Full access, including users and rights', " +
            yes + ", '2026-01-01T00:00:00.000Z')",
        "INSERT INTO roles (name, label, description, builtin, created_at) VALUES ('auditor', "
        "'{\"ru\": \"Аудитор\", \"en\": \"Auditor\"}', 'Reads every record and the audit log; changes nothing', " +
            yes + ", '2026-01-01T00:00:00.000Z')",
    };
}


// Times in these tables are milliseconds since the Unix epoch (BIGINT): the claimer
// compares and orders them on every poll, and integers compare the same way on both
// backends without text formats or time-zone casts.
std::vector<std::string> jobs_tables(const Dialect& d) {
    const std::string json = d.column_type(ColumnType::Json);
    return {
        // Timers and background work. One row per job; `idempotency_key` makes
        // scheduling the same logical job twice a no-op (unique per kind; NULL = none).
        // Periodic jobs keep their row and are re-armed with `interval_ms`.
        "CREATE TABLE jobs (" + d.id_column() +
            ", kind TEXT NOT NULL, payload " + json + " NOT NULL, state TEXT NOT NULL, due_at BIGINT NOT NULL,"
            " attempts INTEGER NOT NULL DEFAULT 0, max_attempts INTEGER NOT NULL, lease_owner TEXT, lease_until BIGINT,"
            " last_error TEXT, idempotency_key TEXT, interval_ms BIGINT, created_at BIGINT NOT NULL,"
            " updated_at BIGINT NOT NULL, finished_at BIGINT)",
        "CREATE UNIQUE INDEX jobs_idempotency ON jobs (kind, idempotency_key)",
        // The claimer's two questions: which pending jobs are due, which leases expired.
        "CREATE INDEX jobs_due ON jobs (due_at) WHERE state = 'pending'",
        "CREATE INDEX jobs_lease ON jobs (lease_until) WHERE state = 'running'",
        "CREATE INDEX jobs_state ON jobs (state, id)",
        // Effects that leave the process, written in the transaction that caused them;
        // delivered by jobs of kind outbox.deliver (job_id).
        "CREATE TABLE outbox (" + d.id_column() +
            ", channel TEXT NOT NULL, payload " + json + " NOT NULL, state TEXT NOT NULL, idempotency_key TEXT NOT NULL,"
            " attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, job_id BIGINT, created_at BIGINT NOT NULL,"
            " updated_at BIGINT NOT NULL, sent_at BIGINT)",
        "CREATE UNIQUE INDEX outbox_idempotency ON outbox (channel, idempotency_key)",
        "CREATE INDEX outbox_state ON outbox (state, id)",
        // Working calendars by name ("default"): the whole definition as one document,
        // versioned so every node notices an administrator's edit.
        "CREATE TABLE working_calendars (name TEXT PRIMARY KEY, definition " + json +
            " NOT NULL, version BIGINT NOT NULL, updated_at BIGINT NOT NULL, updated_by BIGINT)",
    };
}

// Numbered 0004: 0003 belongs to the jobs engine, developed in parallel. The migrator
// applies every id it has not recorded, so the gap is harmless in either merge order.
std::vector<std::string> script_tables(const Dialect& d) {
    const std::string ts = d.column_type(ColumnType::Timestamp);
    const std::string json = d.column_type(ColumnType::Json);
    const std::string boolean = d.column_type(ColumnType::Bool);
    const std::string no = d.name() == "sqlite" ? "0" : "FALSE";
    const std::string yes = d.name() == "sqlite" ? "1" : "TRUE";
    return {
        // Lua sources: robot bodies, conditions, processes, modules, constants files.
        // `origin` is "kernel" or a plugin id for shipped defaults, "admin" otherwise;
        // `edited` marks a default an administrator changed (never overwritten again).
        "CREATE TABLE scripts (" + d.id_column() +
            ", name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', source TEXT NOT NULL,"
            " version BIGINT NOT NULL, enabled " + boolean + " NOT NULL DEFAULT " + yes + ", origin TEXT NOT NULL,"
            " edited " + boolean + " NOT NULL DEFAULT " + no + ", created_at " + ts + " NOT NULL, updated_at " + ts +
            " NOT NULL)",
        "CREATE TABLE script_versions (script_id BIGINT NOT NULL REFERENCES scripts (id) ON DELETE CASCADE,"
        " version BIGINT NOT NULL, source TEXT NOT NULL, diff TEXT NOT NULL, author_id BIGINT, author TEXT NOT NULL,"
        " at " + ts + " NOT NULL, PRIMARY KEY (script_id, version))",
        // One row per run of a stored script (or an ad-hoc dry run): history for admins.
        "CREATE TABLE script_runs (" + d.id_column() +
            ", script_id BIGINT, script TEXT NOT NULL, actor_id BIGINT, actor TEXT NOT NULL, started_at " + ts +
            " NOT NULL, duration_us BIGINT NOT NULL, result TEXT NOT NULL, dry_run " + boolean +
            " NOT NULL, record_type TEXT, record_id BIGINT, error " + json + ")",
        "CREATE INDEX script_runs_script ON script_runs (script_id, id)",
        "CREATE TABLE constants (name TEXT PRIMARY KEY, type TEXT NOT NULL, label TEXT NOT NULL DEFAULT '',"
        " description TEXT NOT NULL DEFAULT '', value " + json + " NOT NULL, version BIGINT NOT NULL,"
        " origin TEXT NOT NULL, edited " + boolean + " NOT NULL DEFAULT " + no + ", updated_at " + ts + " NOT NULL)",
        "CREATE TABLE constant_versions (name TEXT NOT NULL REFERENCES constants (name) ON DELETE CASCADE,"
        " version BIGINT NOT NULL, type TEXT NOT NULL, value " + json + " NOT NULL, author_id BIGINT,"
        " author TEXT NOT NULL, at " + ts + " NOT NULL, PRIMARY KEY (name, version))",
    };
}

}  // namespace

const std::vector<Migration>& kernel_migrations() {
    static const std::vector<Migration> migrations = {
        {"kernel/0001_core", "record history, autonumber counters, custom fields, files", core_tables},
        {"kernel/0002_identity", "roles, permissions, credentials, sessions, API tokens, audit log", identity_tables},
        {"kernel/0003_jobs", "jobs and timers, transactional outbox, working calendars", jobs_tables},
        {"kernel/0004_scripts", "Lua scripts with versions and run history, global constants with versions", script_tables},
        {"kernel/0005_pipelines", "pipelines, stages, stage entries, robots and robot runs", pipeline_tables},
        {"kernel/0006_processes", "in-app notifications, durable process instances and their step history",
         processes::process_tables},
        {"kernel/0007_triggers", "triggers and trigger runs", trigger_tables},
        {"kernel/0008_saved_lists", "saved list views per user (columns, filter tree, sort, sharing by role)",
         lists::saved_list_tables},
    };
    return migrations;
}

}  // namespace orbita::kernel::storage
