// SPDX-License-Identifier: Apache-2.0
#include "storage/automation_tables.hpp"

#include "storage/dialect.hpp"

namespace orbita::kernel::storage {

// Times are milliseconds since the Unix epoch (BIGINT), as in the jobs tables: robot
// runs are compared with job due times, and integers order the same on both backends.
// Flags are INTEGER 0/1.
std::vector<std::string> pipeline_tables(const Dialect& d) {
    const std::string json = d.column_type(ColumnType::Json);
    return {
        // Several pipelines per entity type; the default one receives records created
        // without a pipeline. Keys are what records store; names are for people.
        "CREATE TABLE pipelines (" + d.id_column() +
            ", entity_type TEXT NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL, is_default INTEGER NOT NULL DEFAULT 0,"
            " position INTEGER NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
        "CREATE UNIQUE INDEX pipelines_key ON pipelines (entity_type, key)",
        "CREATE TABLE stages (" + d.id_column() +
            ", pipeline_id BIGINT NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE, key TEXT NOT NULL,"
            " name TEXT NOT NULL, color TEXT NOT NULL, kind TEXT NOT NULL, position INTEGER NOT NULL)",
        "CREATE UNIQUE INDEX stages_key ON stages (pipeline_id, key)",
        // Every time a record enters a stage (or is created in one): what robot runs are
        // idempotent on, and how a run knows whether its record left the stage since.
        "CREATE TABLE stage_entries (" + d.id_column() +
            ", entity_type TEXT NOT NULL, record_id BIGINT NOT NULL, pipeline_id BIGINT NOT NULL, stage_id BIGINT NOT NULL,"
            " entered_at BIGINT NOT NULL, left_at BIGINT, depth INTEGER NOT NULL DEFAULT 0)",
        "CREATE INDEX stage_entries_record ON stage_entries (entity_type, record_id, id)",
        // Robots of a stage: an action with parameters, an optional condition and delay,
        // run as a user. Deleting the stage deletes its robots (their runs stay).
        "CREATE TABLE robots (" + d.id_column() +
            ", entity_type TEXT NOT NULL, pipeline_id BIGINT NOT NULL, stage_id BIGINT NOT NULL REFERENCES stages (id)"
            " ON DELETE CASCADE, name TEXT NOT NULL, action TEXT NOT NULL, params " + json + " NOT NULL, condition " + json +
            ", delay " + json + " NOT NULL, cancel_on_leave INTEGER NOT NULL DEFAULT 1, run_as BIGINT NOT NULL,"
            " enabled INTEGER NOT NULL DEFAULT 1, position INTEGER NOT NULL, created_by BIGINT,"
            " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
        "CREATE INDEX robots_stage ON robots (stage_id, position)",
        // One row per robot and stage entry, written when the entry schedules it (state
        // pending) and finished by the job that runs it, in the transaction of its effects.
        "CREATE TABLE robot_runs (" + d.id_column() +
            ", robot_id BIGINT NOT NULL, entry_id BIGINT NOT NULL, entity_type TEXT NOT NULL, record_id BIGINT NOT NULL,"
            " job_key TEXT, state TEXT NOT NULL, scheduled_at BIGINT NOT NULL, started_at BIGINT, finished_at BIGINT,"
            " duration_us BIGINT, depth INTEGER NOT NULL DEFAULT 0, error TEXT, effects " + json + ", logs " + json + ")",
        "CREATE UNIQUE INDEX robot_runs_entry ON robot_runs (robot_id, entry_id)",
        "CREATE INDEX robot_runs_job ON robot_runs (job_key)",
        "CREATE INDEX robot_runs_pending ON robot_runs (entry_id, state)",
        "CREATE INDEX robot_runs_robot ON robot_runs (robot_id, id)",
    };
}

std::vector<std::string> trigger_tables(const Dialect& d) {
    const std::string json = d.column_type(ColumnType::Json);
    return {
        // Rules that move a record to their stage when something happens; `config`
        // holds the kind's settings, `secret_hash` the SHA-256 of an incoming webhook's secret.
        "CREATE TABLE triggers (" + d.id_column() +
            ", entity_type TEXT NOT NULL, pipeline_id BIGINT NOT NULL, stage_id BIGINT NOT NULL REFERENCES stages (id)"
            " ON DELETE CASCADE, name TEXT NOT NULL, kind TEXT NOT NULL, config " + json + " NOT NULL, secret_hash TEXT,"
            " allow_backward INTEGER NOT NULL DEFAULT 0, run_as BIGINT NOT NULL, enabled INTEGER NOT NULL DEFAULT 1,"
            " created_by BIGINT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
        "CREATE INDEX triggers_stage ON triggers (stage_id)",
        "CREATE TABLE trigger_runs (" + d.id_column() +
            ", trigger_id BIGINT NOT NULL, entity_type TEXT NOT NULL, record_id BIGINT, event TEXT NOT NULL,"
            " at BIGINT NOT NULL, result TEXT NOT NULL, depth INTEGER NOT NULL DEFAULT 0, error TEXT)",
        "CREATE INDEX trigger_runs_trigger ON trigger_runs (trigger_id, id)",
    };
}

}  // namespace orbita::kernel::storage
