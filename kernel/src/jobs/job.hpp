// SPDX-License-Identifier: Apache-2.0
// The data of a job: what producers schedule and what the runner and admins see.
#pragma once

#include "core/clock.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace orbita::kernel::jobs {

/// Life of a job: pending (waiting for its due time) -> running (leased by a worker)
/// -> done, or back to pending for a retry, or dead once its attempts are used up.
/// Administrators may cancel a pending or dead job and retry a dead or cancelled one.
enum class JobState { Pending, Running, Done, Dead, Cancelled };

std::string_view to_string(JobState state);
/// Parses a state name; nullopt when unknown.
std::optional<JobState> parse_job_state(std::string_view text);

/// A job to schedule. `due` unset means "now"; an empty `idempotency_key` means none
/// (scheduling twice makes two jobs); `max_attempts` 0 takes the kind's retry policy.
struct JobSpec {
    std::string kind;
    nlohmann::json payload = nlohmann::json::object();
    std::optional<TimePoint> due{};
    std::string idempotency_key{};
    int max_attempts = 0;
};

/// What `JobQueue::schedule` did: the job's id, and whether this call created it
/// (false when a job of the same kind and idempotency key already existed).
struct ScheduleResult {
    std::int64_t id = 0;
    bool created = false;
};

/// One row of the jobs table.
struct JobRecord {
    std::int64_t id = 0;
    std::string kind;
    nlohmann::json payload;
    JobState state = JobState::Pending;
    TimePoint due_at{};
    int attempts = 0;  ///< runs started so far (this one included while running)
    int max_attempts = 0;
    std::string lease_owner;
    std::optional<TimePoint> lease_until;
    std::string last_error;
    std::string idempotency_key;
    std::optional<std::chrono::milliseconds> interval;  ///< periodic jobs only
    TimePoint created_at{};
    TimePoint updated_at{};
    std::optional<TimePoint> finished_at;

    /// The admin API shape: times as ISO 8601 UTC, absent values as null.
    nlohmann::json to_json() const;
};

/// Milliseconds since the Unix epoch: how job and outbox times are stored.
std::int64_t to_millis(TimePoint t);
TimePoint from_millis(std::int64_t ms);

}  // namespace orbita::kernel::jobs
