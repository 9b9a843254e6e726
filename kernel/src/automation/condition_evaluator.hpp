// SPDX-License-Identifier: Apache-2.0
// Robot conditions: a records filter, a Lua expression, or a stored script.
#pragma once

#include "core/actor.hpp"
#include "core/problem.hpp"
#include "lua/run_context.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace orbita::kernel::records {
class RecordRepository;
}
namespace orbita::kernel::lua {
class LuaRuntime;
}
namespace orbita::kernel::scripts {
class ScriptStore;
}

namespace orbita::kernel::automation {

/// Decides whether a robot runs for a record:
///   {"filter": {...}}   the record matches a filter tree of the records API, read as the run-as user
///   {"lua": "record.amount.amount > 1000"}   an expression, or a chunk that returns a value
///   {"script": "big_deal"}                   a stored script that returns a value
/// Lua sees the record as `record` and the robot's params as `args`; its result counts
/// as true unless it is nil or false. Conditions never write: a condition's run is
/// always rolled back (to its savepoint).
class ConditionEvaluator {
public:
    ConditionEvaluator(records::RecordRepository& records, lua::LuaRuntime& lua, scripts::ScriptStore& scripts)
        : records_(records), lua_(lua), scripts_(scripts) {}

    /// Appends what is wrong with `condition` for records of `type` under "condition.*":
    /// a filter the compiler refuses, Lua that does not compile (with its line), an
    /// unknown or disabled script.
    void check(const nlohmann::json& condition, const std::string& type, std::vector<FieldError>& errors);

    /// Evaluates inside the caller's write transaction; throws std::runtime_error with
    /// the Lua error (chunk:line: message) when the condition fails to run. `logs`
    /// receives the condition's log lines.
    bool holds(const nlohmann::json& condition, const Actor& actor, const std::string& type, std::int64_t id,
               const nlohmann::json& args, const std::string& label, nlohmann::json& logs);

private:
    /// The code a Lua condition runs: the expression as `return (...)`, or the chunk.
    lua::ScriptSource lua_source(const nlohmann::json& condition, const std::string& label);

    records::RecordRepository& records_;
    lua::LuaRuntime& lua_;
    scripts::ScriptStore& scripts_;
};

}  // namespace orbita::kernel::automation
