// SPDX-License-Identifier: Apache-2.0
// Robots and their runs as stored.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace orbita::kernel::automation {

/// A robot of one stage: when a record enters the stage (or is created in it) the
/// action `action` runs with `params`, after `delay`, if `condition` holds, as user
/// `run_as`. `cancel_on_leave`: a record that left the stage before the run is skipped.
struct Robot {
    std::int64_t id = 0;
    std::string entity_type;
    std::int64_t pipeline_id = 0;
    std::int64_t stage_id = 0;
    std::string name;
    std::string action;
    nlohmann::json params = nlohmann::json::object();
    nlohmann::json condition = nullptr;  ///< null, {"filter": ...}, {"lua": "..."} or {"script": "name"}
    nlohmann::json delay = {{"kind", "none"}};
    bool cancel_on_leave = true;
    std::int64_t run_as = 0;  ///< user id
    bool enabled = true;
    int position = 0;
    std::int64_t created_by = 0;
    std::int64_t created_at = 0;  ///< ms since the epoch
    std::int64_t updated_at = 0;

    /// The API shape; `run_as_login` is the login of `run_as`.
    nlohmann::json to_json(const std::string& run_as_login) const;
};

/// What became of one robot for one stage entry of a record.
///   pending    scheduled, waiting for its job
///   done       the action ran and its effects committed
///   skipped    the condition did not hold (or a relative delay's date was empty)
///   failed     the condition or action failed; nothing of it stayed (see error)
///   cancelled  the record left the stage first, or the robot was disabled or deleted
///   stopped    the causal chain reached automation.max_chain_depth (see error)
struct RobotRun {
    std::int64_t id = 0;
    std::int64_t robot_id = 0;
    std::int64_t entry_id = 0;
    std::string entity_type;
    std::int64_t record_id = 0;
    std::string job_key;
    std::string state = "pending";
    std::int64_t scheduled_at = 0;
    std::optional<std::int64_t> started_at;
    std::optional<std::int64_t> finished_at;
    std::optional<std::int64_t> duration_us;
    int depth = 0;
    std::string error;
    nlohmann::json effects = nullptr;
    nlohmann::json logs = nullptr;

    nlohmann::json to_json() const;
};

}  // namespace orbita::kernel::automation
