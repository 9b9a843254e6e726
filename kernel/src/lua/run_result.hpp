// SPDX-License-Identifier: Apache-2.0
// What a Lua run produced: logs, effects, the value it returned, or where it failed.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace orbita::kernel::lua {

/// Why a run failed.
enum class ErrorKind {
    Compile,  ///< the source does not parse
    Runtime,  ///< error() or a failed API call (permission, validation, not found)
    Budget,   ///< instruction, time, memory or call-depth limit: aborted, not catchable
};

/// A script failure with its position: the chunk and line of the Lua code that was
/// running when it failed (for API calls: the line of the call).
struct RunError {
    ErrorKind kind = ErrorKind::Runtime;
    std::string script_id;
    std::string chunk;
    int line = 0;  ///< 0 when no Lua line was involved
    std::string message;

    nlohmann::json to_json() const;
};

/// One `orbita.log` / `print` line.
struct LogEntry {
    std::string level;  ///< debug, info, warn, error
    std::string message;
    int line = 0;
};

/// The outcome of LuaRuntime::run. `effects` lists what the script changed (or, in a
/// dry run, would have changed): {"kind": "record.created" | "record.updated" |
/// "record.archived", "type", "id", ...}; later engines add their own kinds (outbox
/// messages, jobs, notifications) through RunState::add_effect.
struct RunResult {
    bool ok = false;
    bool committed = false;  ///< the transaction committed (not a dry run, no error)
    nlohmann::json value = nullptr;  ///< what the chunk (or the EntryCall function) returned (first value), as JSON
    /// With an EntryCall: the `read_back` fields of its argument after the call.
    nlohmann::json entry_state = nlohmann::json::object();
    std::vector<LogEntry> logs;
    nlohmann::json effects = nlohmann::json::array();
    std::optional<RunError> error;
    std::int64_t instructions = 0;   ///< approximate (counted in hook steps)
    std::size_t memory_peak = 0;     ///< bytes of Lua heap at the highest point of the run
    std::int64_t duration_us = 0;

    nlohmann::json to_json() const;
};

std::string to_string(ErrorKind kind);

}  // namespace orbita::kernel::lua
