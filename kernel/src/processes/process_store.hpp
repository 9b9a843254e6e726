// SPDX-License-Identifier: Apache-2.0
// The SQL of process_instances and process_steps.
#pragma once

#include "processes/process_instance.hpp"
#include "storage/database.hpp"

#include <optional>
#include <vector>

namespace orbita::kernel::processes {

/// Filters of the admin list; `before_id` is the keyset cursor (newest first).
struct InstanceFilter {
    std::string process;
    std::string status;
    std::optional<lua::RecordRef> record;
    std::optional<std::int64_t> before_id;
    int limit = 50;
};

/// One line of an instance's history: a step that ran, a resume, an administrator's action.
struct StepRecord {
    std::int64_t instance_id = 0;
    std::int64_t seq = 0;  ///< the seq the instance reached with it
    std::string step;
    std::string outcome;  ///< started, wait_until, wait_for, go, finish, failed, resumed, cancelled, retried
    nlohmann::json detail = nullptr;
    TimePoint started_at{};
    std::int64_t duration_us = 0;
};

/// Stateless access to the process tables.
class ProcessStore {
public:
    /// Inserts `instance` (its id is ignored); answers the new id.
    static std::int64_t insert(storage::Connection& conn, const ProcessInstance& instance);
    static std::optional<ProcessInstance> get(storage::Connection& conn, std::int64_t id);
    static std::vector<ProcessInstance> list(storage::Connection& conn, const InstanceFilter& filter);
    /// Instances waiting for event `name` concerning one of `keys` ("type:id", "").
    static std::vector<ProcessInstance> waiting_for(storage::Connection& conn, const std::string& name,
                                                    const std::vector<std::string>& keys);
    /// Writes every changeable column of `next` if the stored row still has
    /// `expected_seq` and `expected_status`; false when someone changed it first.
    static bool update(storage::Connection& conn, const ProcessInstance& next, std::int64_t expected_seq,
                       const std::string& expected_status);

    static void add_step(storage::Connection& conn, const StepRecord& step);
    /// The history of an instance, oldest first (at most `limit` latest lines).
    static nlohmann::json steps(storage::Connection& conn, std::int64_t instance_id, int limit);
};

}  // namespace orbita::kernel::processes
