// SPDX-License-Identifier: Apache-2.0
// SQL of the triggers and trigger_runs tables.
#pragma once

#include "automation/trigger_model.hpp"
#include "storage/connection.hpp"

#include <optional>
#include <vector>

namespace orbita::kernel::automation {

/// Triggers and their runs, on the caller's connection.
class TriggerStore {
public:
    static std::optional<Trigger> find(storage::Connection& conn, std::int64_t id);
    /// Every enabled trigger (what the engine matches events against).
    static std::vector<Trigger> enabled(storage::Connection& conn);
    static std::vector<Trigger> of_type(storage::Connection& conn, const std::string& type);
    static std::vector<Trigger> of_pipeline(storage::Connection& conn, std::int64_t pipeline_id);
    static std::int64_t insert(storage::Connection& conn, const Trigger& trigger);
    static void update(storage::Connection& conn, const Trigger& trigger);
    static void remove(storage::Connection& conn, std::int64_t id);

    static void insert_run(storage::Connection& conn, const TriggerRun& run);
    /// Runs of a trigger, newest first, ids below `before` (0: from the newest).
    static std::vector<TriggerRun> runs_of(storage::Connection& conn, std::int64_t trigger_id, int limit, std::int64_t before);
};

}  // namespace orbita::kernel::automation
