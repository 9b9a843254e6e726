// SPDX-License-Identifier: Apache-2.0
// What a Lua run is asked to do: which code, as whom, against which record, with what limits.
#pragma once

#include "core/actor.hpp"
#include "lua/budgets.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace orbita::kernel::storage {
class Transaction;
}

namespace orbita::kernel::lua {

struct RunResult;

/// Lua source and the names errors are reported under.
struct ScriptSource {
    std::string id;     ///< stable id for errors and history: "script:12", "file:job.lua", "robot:7"
    std::string chunk;  ///< Lua chunk name without the '@': "scripts/renewal.lua"
    std::string code;
};

/// A record a run is about (the robot's record, the dry run's chosen record).
struct RecordRef {
    std::string type;
    std::int64_t id = 0;
};

class RunState;

/// Calls one function of the table the chunk returns, instead of only running the
/// chunk: how a durable process runs one of its named steps. The function gets one
/// table: `argument` (a JSON object; the run's record, if any, added as `record`)
/// plus the `helpers`, which the script calls as `p.name(...)` or `p:name(...)`. A
/// helper receives its Lua arguments as a JSON array and answers one value; its
/// exceptions become script errors at the line of the call. After the call, the
/// fields named in `read_back` (such as `vars`, which the script may change) are
/// reported in RunResult::entry_state, and what the function returned is the run's value.
struct EntryCall {
    using Helper = std::function<nlohmann::json(RunState& run, const nlohmann::json& args)>;
    std::string function;
    nlohmann::json argument = nlohmann::json::object();
    std::map<std::string, Helper> helpers{};
    std::vector<std::string> read_back{};
};

/// How to run a script. The runtime owns the transaction: every run is one write
/// transaction, committed only when the script finished without error and `dry_run`
/// is false; callers that must commit their own bookkeeping atomically with the
/// script's effects (the robot engine marking a job done, a durable process storing
/// its next wake-up) do it in `before_commit`, which runs inside that transaction.
struct RunContext {
    Actor actor;                         ///< run-as user: every record call is checked as this actor
    Budgets budgets{};
    std::optional<RecordRef> record{};   ///< exposed to the script as the global `record` (read as `actor`)
    nlohmann::json args = nullptr;       ///< exposed as the global `args` (robot parameters, inputs)
    bool dry_run = false;                ///< roll back whatever happens; report the effects
    /// Called inside the transaction after the script succeeded and before commit
    /// (never for dry runs). Throwing rolls everything back and fails the run.
    std::function<void(storage::Transaction&, const RunResult&)> before_commit{};
    /// Set to call one function of the table the chunk returns (see EntryCall).
    std::optional<EntryCall> entry{};
};

}  // namespace orbita::kernel::lua
