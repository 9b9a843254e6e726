// SPDX-License-Identifier: Apache-2.0
#include "automation/trigger_model.hpp"

#include "jobs/job.hpp"

namespace orbita::kernel::automation {

nlohmann::json Trigger::to_json(const std::string& run_as_login) const {
    nlohmann::json j = {{"id", id},
                        {"type", entity_type},
                        {"pipeline_id", pipeline_id},
                        {"stage_id", stage_id},
                        {"name", name},
                        {"kind", kind},
                        {"config", config},
                        {"allow_backward", allow_backward},
                        {"run_as", run_as_login},
                        {"run_as_id", run_as},
                        {"enabled", enabled},
                        {"created_at", format_utc(jobs::from_millis(created_at))},
                        {"updated_at", format_utc(jobs::from_millis(updated_at))}};
    if (kind == "webhook") j["hook_url"] = "/api/v1/hooks/triggers/" + std::to_string(id);
    return j;
}

nlohmann::json TriggerRun::to_json() const {
    return {{"id", id},
            {"trigger_id", trigger_id},
            {"type", entity_type},
            {"record_id", record_id ? nlohmann::json(record_id) : nlohmann::json(nullptr)},
            {"event", event},
            {"at", format_utc(jobs::from_millis(at))},
            {"result", result},
            {"depth", depth},
            {"error", error.empty() ? nlohmann::json(nullptr) : nlohmann::json(error)}};
}

}  // namespace orbita::kernel::automation
