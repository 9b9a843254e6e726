// SPDX-License-Identifier: Apache-2.0
// Which waiting processes an event concerns, and what a resumed step sees of it.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace orbita::kernel::events {
struct Event;
}

namespace orbita::kernel::processes {

/// The filter of p.wait_for, indexed by the record it names so an event finds its
/// waiting instances with one indexed query: the wait key is "type:id" when the filter
/// names a record and "" otherwise.
class EventFilter {
public:
    /// The wait key of `filter`.
    static std::string key_of(const nlohmann::json& filter);
    /// The wait keys an event can match: "" and, for an event about a record, "type:id".
    static std::vector<std::string> keys_of(const events::Event& event);
    /// True when every key of `filter` holds for `event`: type and id name its record;
    /// other keys are dotted paths into the payload ("changes.stage") or, for record
    /// events, into the record after the change ("stage"); a list matches any of its values.
    static bool matches(const nlohmann::json& filter, const events::Event& event);
    /// What the step woken by `event` sees as p.event: name, type, id, the payload
    /// without record values (the run-as user reads the record through p.record, with
    /// its rights), and the names of the changed fields as `changed`.
    static nlohmann::json describe(const events::Event& event);
};

}  // namespace orbita::kernel::processes
