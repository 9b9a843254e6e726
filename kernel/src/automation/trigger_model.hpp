// SPDX-License-Identifier: Apache-2.0
// Triggers as stored.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace orbita::kernel::automation {

/// A rule that moves a record of `entity_type` to stage `stage_id` (of pipeline
/// `pipeline_id`) when something happens. `kind` and `config`:
///   field    {"field": "paid", "value": true}    the record's field changes (to the value, when given)
///   related  {"type": "deal_task", "via": "deal", "on": "created"|"completed", "field"?, "value"?}
///            a record of another type pointing at this one through `via` is created, or
///            completed: its field changes to the value, or (without a field) it enters a
///            stage of kind success
///   webhook  {}                                  POST /api/v1/hooks/triggers/{id} with the secret
///   event    {"event": "bookmarks.visited"}      a plugin's trigger source fires for this record
/// Only records in the trigger's pipeline move, and only forward unless `allow_backward`.
struct Trigger {
    std::int64_t id = 0;
    std::string entity_type;
    std::int64_t pipeline_id = 0;
    std::int64_t stage_id = 0;
    std::string name;
    std::string kind;
    nlohmann::json config = nlohmann::json::object();
    std::string secret_hash;  ///< webhook: SHA-256 hex of the secret; never leaves the server
    bool allow_backward = false;
    std::int64_t run_as = 0;
    bool enabled = true;
    std::int64_t created_by = 0;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;

    /// The API shape (without the secret); `run_as_login` is the login of `run_as`.
    nlohmann::json to_json(const std::string& run_as_login) const;
};

/// One firing of a trigger: moved, skipped (already there, another pipeline, past the
/// stage), failed (with the error) or stopped (the causal chain limit).
struct TriggerRun {
    std::int64_t id = 0;
    std::int64_t trigger_id = 0;
    std::string entity_type;
    std::int64_t record_id = 0;
    std::string event;
    std::int64_t at = 0;
    std::string result;
    int depth = 0;
    std::string error;

    nlohmann::json to_json() const;
};

}  // namespace orbita::kernel::automation
