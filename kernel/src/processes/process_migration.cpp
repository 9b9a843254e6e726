// SPDX-License-Identifier: Apache-2.0
#include "processes/process_migration.hpp"

#include "storage/dialect.hpp"

namespace orbita::kernel::processes {

// Times are milliseconds since the Unix epoch (BIGINT), as in the jobs tables: wake-up
// times are compared with job due times, and integers compare alike on both backends.
std::vector<std::string> process_tables(const storage::Dialect& d) {
    const std::string json = d.column_type(storage::ColumnType::Json);
    return {
        // In-app notifications: each belongs to one user, who alone may read it.
        "CREATE TABLE notifications (" + d.id_column() +
            ", recipient_id BIGINT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, record_type TEXT,"
            " record_id BIGINT, source TEXT NOT NULL, created_at BIGINT NOT NULL, read_at BIGINT)",
        "CREATE INDEX notifications_recipient ON notifications (recipient_id, id)",
        "CREATE INDEX notifications_unread ON notifications (recipient_id, id) WHERE read_at IS NULL",
        // Durable process instances. `seq` counts state changes: every step, wake-up
        // job and event resume names the seq it expects, so whichever comes first wins
        // and the others change nothing. `step` is the step to run next (for a waiting
        // instance: the one after the wait); `wake` is what that step will see
        // (the event that resumed it, or a timeout).
        "CREATE TABLE process_instances (" + d.id_column() +
            ", process TEXT NOT NULL, script_id BIGINT NOT NULL, script_version BIGINT NOT NULL, status TEXT NOT NULL,"
            " step TEXT NOT NULL, vars " + json + " NOT NULL, record_type TEXT, record_id BIGINT, run_as_id BIGINT NOT NULL,"
            " run_as TEXT NOT NULL, seq BIGINT NOT NULL, chain INTEGER NOT NULL DEFAULT 0, wake " + json +
            ", wake_at BIGINT, wait_event TEXT, wait_key TEXT, wait_filter " + json + ", timeout_step TEXT, error " + json +
            ", started_by TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, finished_at BIGINT)",
        "CREATE INDEX process_instances_status ON process_instances (status, id)",
        "CREATE INDEX process_instances_process ON process_instances (process, id)",
        "CREATE INDEX process_instances_record ON process_instances (record_type, record_id)",
        // Every event looks here for instances waiting for it: by event name and the
        // record it concerns ("deal:42"; "" for any record).
        "CREATE INDEX process_instances_waits ON process_instances (wait_event, wait_key) WHERE status = 'waiting'",
        // What each step did: outcome, when, how long, and the error of a failed one.
        "CREATE TABLE process_steps (" + d.id_column() +
            ", instance_id BIGINT NOT NULL, seq BIGINT NOT NULL, step TEXT NOT NULL, outcome TEXT NOT NULL,"
            " detail " + json + ", started_at BIGINT NOT NULL, duration_us BIGINT NOT NULL)",
        "CREATE INDEX process_steps_instance ON process_steps (instance_id, id)",
    };
}

}  // namespace orbita::kernel::processes
