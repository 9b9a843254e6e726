// SPDX-License-Identifier: Apache-2.0
#include "automation/robot_model.hpp"

#include "jobs/job.hpp"

namespace orbita::kernel::automation {

namespace {

nlohmann::json time_or_null(const std::optional<std::int64_t>& ms) {
    return ms ? nlohmann::json(format_utc(jobs::from_millis(*ms))) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json Robot::to_json(const std::string& run_as_login) const {
    return {{"id", id},
            {"type", entity_type},
            {"pipeline_id", pipeline_id},
            {"stage_id", stage_id},
            {"name", name},
            {"action", action},
            {"params", params},
            {"condition", condition},
            {"delay", delay},
            {"cancel_on_leave", cancel_on_leave},
            {"run_as", run_as_login},
            {"run_as_id", run_as},
            {"enabled", enabled},
            {"position", position},
            {"created_at", time_or_null(created_at)},
            {"updated_at", time_or_null(updated_at)}};
}

nlohmann::json RobotRun::to_json() const {
    return {{"id", id},
            {"robot_id", robot_id},
            {"entry_id", entry_id},
            {"type", entity_type},
            {"record_id", record_id},
            {"state", state},
            {"scheduled_at", time_or_null(scheduled_at)},
            {"started_at", time_or_null(started_at)},
            {"finished_at", time_or_null(finished_at)},
            {"duration_us", duration_us ? nlohmann::json(*duration_us) : nlohmann::json(nullptr)},
            {"depth", depth},
            {"error", error.empty() ? nlohmann::json(nullptr) : nlohmann::json(error)},
            {"effects", effects},
            {"logs", logs}};
}

}  // namespace orbita::kernel::automation
