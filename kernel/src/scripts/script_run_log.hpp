// SPDX-License-Identifier: Apache-2.0
// History of script runs: who ran what, when, for how long, and how it ended.
#pragma once

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "lua/run_context.hpp"
#include "lua/run_result.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace orbita::kernel::storage {
class Database;
}

namespace orbita::kernel::scripts {

/// The `script_runs` table. A row is written after the run's own transaction has
/// ended, in a transaction of its own, so a failed or dry run is still on record.
/// The result is "ok", "error", "aborted" (a budget) or "compile_error".
class ScriptRunLog {
public:
    ScriptRunLog(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    /// Records a run of script `script_id` (nullopt for ad-hoc sources) named `name`.
    void record(std::optional<std::int64_t> script_id, const std::string& name, const lua::RunContext& context,
                const lua::RunResult& result);
    /// Runs of one script, newest first; `before` pages by run id (0: from the newest).
    nlohmann::json list(std::int64_t script_id, int limit, std::int64_t before);

private:
    storage::Database& db_;
    const Clock& clock_;
};

}  // namespace orbita::kernel::scripts
