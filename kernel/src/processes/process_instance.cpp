// SPDX-License-Identifier: Apache-2.0
#include "processes/process_instance.hpp"

namespace orbita::kernel::processes {

namespace {

nlohmann::json time_or_null(const std::optional<TimePoint>& t) { return t ? nlohmann::json(format_utc(*t)) : nlohmann::json(); }

}  // namespace

void ProcessInstance::clear_wait() {
    wake_at.reset();
    wait_event.clear();
    wait_key.clear();
    wait_filter = nullptr;
    timeout_step.clear();
}

nlohmann::json ProcessInstance::to_json() const {
    nlohmann::json waiting = nullptr;
    if (status == status::kWaiting) {
        waiting = {{"until", time_or_null(wake_at)}, {"next", step}};
        if (!wait_event.empty()) {
            waiting["event"] = wait_event;
            waiting["filter"] = wait_filter;
            waiting["on_timeout"] = timeout_step;
        }
    }
    return {{"id", id},
            {"process", process},
            {"script_id", script_id},
            {"script_version", script_version},
            {"status", status},
            {"step", step},
            {"vars", vars},
            {"record", record ? nlohmann::json{{"type", record->type}, {"id", record->id}} : nlohmann::json()},
            {"run_as", {{"id", run_as_id}, {"login", run_as}}},
            {"seq", seq},
            {"waiting", std::move(waiting)},
            {"error", error},
            {"started_by", started_by},
            {"created_at", format_utc(created_at)},
            {"updated_at", format_utc(updated_at)},
            {"finished_at", time_or_null(finished_at)}};
}

}  // namespace orbita::kernel::processes
