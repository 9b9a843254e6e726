// SPDX-License-Identifier: Apache-2.0
// Robot actions: what a robot can do, registered by the kernel, kernel modules and plugins.
#pragma once

#include "automation/effect_sink.hpp"
#include "core/actor.hpp"
#include "core/json_schema.hpp"
#include "core/problem.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace orbita::kernel::storage {
class Transaction;
}

namespace orbita::kernel::automation {

/// What an action runs with. Valid only during the call.
struct ActionContext {
    const Actor& actor;            ///< the robot's run-as user: every record call is checked as this user
    const std::string& type;       ///< the robot's record
    std::int64_t record_id;
    const nlohmann::json& record;  ///< that record as `actor` saw it when the run started
    storage::Transaction& tx;      ///< the run's transaction: write through it (or any kernel service on this thread)
    bool dry_run;                  ///< the transaction will be rolled back whatever happens
    EffectSink& effects;           ///< report what you changed: {"kind": "...", ...}
    nlohmann::json& logs;          ///< array of {"level", "message"} lines shown in run history and dry runs
    std::string run_key;           ///< unique per run ("robot-run:42"): base of idempotency keys (outbox)
};

/// One action: `id` ("set_field", "bookmarks.save_link"), a description, a JSON Schema
/// of its input (checked when a robot is saved and again before each run), and `run`.
/// `run` reports failure by throwing (a Problem for the caller's mistakes); whatever it
/// wrote is then rolled back and the robot run is recorded as failed with the message.
/// Adding one is a few lines:
///
///   registry.add({.id = "notify", .description = "Notify a user",
///                 .input_schema = {{"type", "object"}, {"required", {"user", "text"}}},
///                 .run = [&](const nlohmann::json& in, ActionContext& ctx) { ...; return nlohmann::json{}; }});
struct Action {
    std::string id;
    std::string description;
    nlohmann::json input_schema = nlohmann::json::object();
    std::function<nlohmann::json(const nlohmann::json& input, ActionContext& context)> run;
    /// Strings of the input may hold {{record.field}} templates, filled in before `run`
    /// (see Templates). False for actions whose input is code (run_lua).
    bool templated = true;
    std::string owner = "kernel";  ///< kernel or the plugin id
    /// Checks beyond the schema when a robot is saved (a Lua source compiles); appends
    /// errors with paths under "params.". Optional.
    std::function<void(const nlohmann::json& input, std::vector<FieldError>& errors)> check{};
};

/// The actions robots may name. Filled while the kernel starts (the kernel's own,
/// other kernel modules', then the plugins'); read concurrently afterwards.
class ActionRegistry {
public:
    /// Throws std::invalid_argument for an empty id, a missing run function, an input
    /// schema that does not compile, or an id already taken (naming both owners).
    void add(Action action);
    /// The action, or nullptr.
    std::shared_ptr<const Action> find(const std::string& id) const;
    /// 422 for an unknown action (with a nearest-name hint, under `field`) or input that
    /// does not match its schema or its extra check (errors under "params."). With
    /// `unfilled` (a robot being saved), values that are still {{templates}} are not held
    /// against the schema: they are checked once filled in, before each run.
    void check(const std::string& id, const nlohmann::json& input, const std::string& field = "action", bool unfilled = false) const;
    /// Every action: id, description, input_schema, owner, sorted by id.
    nlohmann::json list() const;

private:
    struct Entry {
        std::shared_ptr<const Action> action;
        std::shared_ptr<const JsonSchema> schema;  ///< null when the schema is empty
    };
    std::optional<Entry> entry(const std::string& id) const;

    mutable std::mutex mutex_;
    std::map<std::string, Entry> actions_;
};

}  // namespace orbita::kernel::automation
