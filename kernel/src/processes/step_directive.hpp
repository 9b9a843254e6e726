// SPDX-License-Identifier: Apache-2.0
// What a process step asks for next: wait until a time, wait for an event, go on, finish.
#pragma once

#include "core/clock.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace orbita::kernel::processes {

/// The value a step returns, built by the step helpers (StepApi):
///
///   {"op": "wait_until", "at": ISO, "next": step}
///   {"op": "wait_for", "event": name, "filter": {...}, "next": step,
///    "timeout_at": ISO (optional), "on_timeout": step}
///   {"op": "go", "next": step}
///   {"op": "finish"}            (a step that returns nothing finishes too)
///
/// `parse` checks it again in C++ (a script may return a table it built itself).
struct StepDirective {
    enum class Kind { Finish, Go, WaitUntil, WaitFor };
    Kind kind = Kind::Finish;
    std::string next;
    std::optional<TimePoint> at;  ///< wait_until: when; wait_for: the timeout, if any
    std::string event;
    nlohmann::json filter = nlohmann::json::object();
    std::string on_timeout;

    /// Throws std::invalid_argument naming what is wrong.
    static StepDirective parse(const nlohmann::json& value);
    /// The canonical JSON form above (also the history detail).
    nlohmann::json to_json() const;
    /// "wait_until", "wait_for", "go", "finish".
    std::string op() const;
};

}  // namespace orbita::kernel::processes
