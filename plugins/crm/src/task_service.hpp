// SPDX-License-Identifier: Apache-2.0
// Tasks: dependencies without cycles, recurrence that never runs into the past,
// completion that creates the next occurrence.
#pragma once

#include <orbita/sdk/records.hpp>

#include <chrono>
#include <cstdint>

namespace orbita::plugins::crm {

/// Task rules on top of the records API.
class TaskService {
public:
    /// Creates a task from task fields after checking its recurrence (422
    /// "invalid-recurrence") and that the tasks it depends on exist.
    sdk::Result<nlohmann::json> create(sdk::Records& records, const nlohmann::json& body) const;
    /// Replaces the task's dependencies with {"depends_on": [ids]}: 422
    /// "dependency-cycle" (with the `cycle` in the message) when the task would depend
    /// on itself, directly or through others.
    sdk::Result<nlohmann::json> set_dependencies(sdk::Records& records, std::int64_t id, const nlohmann::json& body) const;
    /// Marks the task done (status of kind "done", completed_at = now, 100 %): 409
    /// "predecessors-open" while a task it depends on is not done; for a recurring
    /// task also creates the next occurrence (never in the past). Answers
    /// {"task": ..., "next": task or null}. One transaction.
    sdk::Result<nlohmann::json> complete(sdk::Records& records, std::int64_t id, std::chrono::sys_seconds now) const;
    /// Creates a task from event `event_id` with its requisites (task_from_event);
    /// `body` holds task fields that override them. 404 for an event the caller cannot see.
    sdk::Result<nlohmann::json> from_event(sdk::Records& records, std::int64_t event_id, const nlohmann::json& body) const;
};

}  // namespace orbita::plugins::crm
