// SPDX-License-Identifier: Apache-2.0
#include "jobs/job.hpp"

#include <array>
#include <utility>

namespace orbita::kernel::jobs {

namespace {

constexpr std::array<std::pair<JobState, std::string_view>, 5> kStates = {{
    {JobState::Pending, "pending"},
    {JobState::Running, "running"},
    {JobState::Done, "done"},
    {JobState::Dead, "dead"},
    {JobState::Cancelled, "cancelled"},
}};

nlohmann::json optional_time(const std::optional<TimePoint>& t) { return t ? nlohmann::json(format_utc(*t)) : nullptr; }

}  // namespace

std::string_view to_string(JobState state) {
    for (const auto& [s, name] : kStates) {
        if (s == state) return name;
    }
    return "unknown";
}

std::optional<JobState> parse_job_state(std::string_view text) {
    for (const auto& [s, name] : kStates) {
        if (name == text) return s;
    }
    return std::nullopt;
}

std::int64_t to_millis(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

TimePoint from_millis(std::int64_t ms) {
    return TimePoint(std::chrono::duration_cast<TimePoint::duration>(std::chrono::milliseconds(ms)));
}

nlohmann::json JobRecord::to_json() const {
    return {{"id", id},
            {"kind", kind},
            {"payload", payload},
            {"state", to_string(state)},
            {"due_at", format_utc(due_at)},
            {"attempts", attempts},
            {"max_attempts", max_attempts},
            {"lease_owner", lease_owner.empty() ? nlohmann::json(nullptr) : nlohmann::json(lease_owner)},
            {"lease_until", optional_time(lease_until)},
            {"last_error", last_error.empty() ? nlohmann::json(nullptr) : nlohmann::json(last_error)},
            {"idempotency_key", idempotency_key.empty() ? nlohmann::json(nullptr) : nlohmann::json(idempotency_key)},
            {"interval_seconds", interval ? nlohmann::json(interval->count() / 1000.0) : nlohmann::json(nullptr)},
            {"created_at", format_utc(created_at)},
            {"updated_at", format_utc(updated_at)},
            {"finished_at", optional_time(finished_at)}};
}

}  // namespace orbita::kernel::jobs
