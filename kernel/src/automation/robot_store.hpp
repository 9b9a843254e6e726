// SPDX-License-Identifier: Apache-2.0
// SQL of the robots and robot_runs tables.
#pragma once

#include "automation/robot_model.hpp"
#include "storage/connection.hpp"

#include <optional>
#include <string>
#include <vector>

namespace orbita::kernel::automation {

/// Robots and their runs, on the connection (and so the transaction) the caller holds.
class RobotStore {
public:
    static std::optional<Robot> find(storage::Connection& conn, std::int64_t id);
    /// The robots with these ids that still exist.
    static std::vector<Robot> find_many(storage::Connection& conn, const std::vector<std::int64_t>& ids);
    /// Robots of a stage in order; only enabled ones when `enabled_only`.
    static std::vector<Robot> of_stage(storage::Connection& conn, std::int64_t stage_id, bool enabled_only);
    static std::vector<Robot> of_pipeline(storage::Connection& conn, std::int64_t pipeline_id);
    static std::int64_t insert(storage::Connection& conn, const Robot& robot);
    static void update(storage::Connection& conn, const Robot& robot);
    static void remove(storage::Connection& conn, std::int64_t id);

    /// Writes runs (one statement); a robot's second run for the same entry is ignored.
    static void insert_runs(storage::Connection& conn, const std::vector<RobotRun>& runs);
    /// The pending runs scheduled under a job key, now marked running (inside the
    /// transaction that runs them, so nobody else sees that state: leaving the stage
    /// while one of them moves the record cancels only runs still waiting), in the order
    /// they were scheduled.
    static std::vector<RobotRun> take_pending(storage::Connection& conn, const std::string& job_key);
    /// Records the outcome of a pending or running run; false when it had finished
    /// already (it ran, or was cancelled meanwhile).
    static bool finish(storage::Connection& conn, const RobotRun& run);
    /// Runs of a robot, newest first, ids below `before` (0: from the newest).
    static std::vector<RobotRun> runs_of(storage::Connection& conn, std::int64_t robot_id, int limit, std::int64_t before);
    /// Cancels the pending runs of entry `entry_id` whose robot cancels on leave;
    /// answers the job keys they were scheduled under.
    static std::vector<std::string> cancel_on_leave(storage::Connection& conn, std::int64_t entry_id, std::int64_t now_ms);
    /// Cancels the pending runs of these robots (deleted, or disabled), saying why.
    static void cancel_runs_of(storage::Connection& conn, const std::vector<std::int64_t>& robot_ids, const std::string& why,
                               std::int64_t now_ms);
    /// Pending runs left under a job key.
    static std::int64_t pending_count(storage::Connection& conn, const std::string& job_key);
    /// Marks every pending run of a job failed (its job died).
    static void fail_job(storage::Connection& conn, const std::string& job_key, const std::string& error, std::int64_t now_ms);
};

}  // namespace orbita::kernel::automation
