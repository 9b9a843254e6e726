// SPDX-License-Identifier: Apache-2.0
// One durable process instance as stored: where it is, what it waits for, its variables.
#pragma once

#include "core/clock.hpp"
#include "lua/run_context.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace orbita::kernel::processes {

/// Life of an instance: running (its next step is due now) <-> waiting (for a time or
/// an event) -> completed; a failing step makes it failed (retry makes it running
/// again); an administrator may cancel it unless it has ended.
namespace status {
inline constexpr const char* kRunning = "running";
inline constexpr const char* kWaiting = "waiting";
inline constexpr const char* kCompleted = "completed";
inline constexpr const char* kFailed = "failed";
inline constexpr const char* kCancelled = "cancelled";
}  // namespace status

/// A row of `process_instances`. `seq` grows by one with every change of state, and
/// every change is made only if `seq` is still what its author read: that is what
/// makes each step, wake-up and event resume take effect at most once.
struct ProcessInstance {
    std::int64_t id = 0;
    std::string process;  ///< the process script's name
    std::int64_t script_id = 0;
    std::int64_t script_version = 0;  ///< the version it runs (retry moves it to the newest)
    std::string status = status::kRunning;
    std::string step = "start";  ///< next step to run (waiting: the one after the wait)
    nlohmann::json vars = nlohmann::json::object();
    std::optional<lua::RecordRef> record;
    std::int64_t run_as_id = 0;  ///< 0: a system actor named `run_as`
    std::string run_as;
    std::int64_t seq = 1;
    int chain = 0;  ///< steps in a row without waiting (p.go loops are stopped)
    nlohmann::json wake = nullptr;  ///< what the next step sees: {"event": ...} or {"timed_out": true}
    std::optional<TimePoint> wake_at;
    std::string wait_event;  ///< waiting for this event (empty: waiting for a time only)
    std::string wait_key;    ///< "type:id" of the record the event must concern, "" for any
    nlohmann::json wait_filter = nullptr;
    std::string timeout_step;  ///< the step to run when the wait for an event times out
    nlohmann::json error = nullptr;  ///< the failed step's error {step, kind, script_id, chunk, line, message}
    std::string started_by;
    TimePoint created_at{};
    TimePoint updated_at{};
    std::optional<TimePoint> finished_at;

    bool ended() const { return status == status::kCompleted || status == status::kCancelled; }
    /// Clears what the instance waited for.
    void clear_wait();
    /// The admin API shape.
    nlohmann::json to_json() const;
};

}  // namespace orbita::kernel::processes
