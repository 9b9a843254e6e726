// SPDX-License-Identifier: Apache-2.0
// What administrators do with triggers.
#pragma once

#include "automation/trigger_model.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <set>
#include <string>

namespace orbita::kernel::storage {
class Database;
class Connection;
}  // namespace orbita::kernel::storage
namespace orbita::kernel::entity {
class TypeRegistry;
}
namespace orbita::kernel::audit {
class AuditLog;
}

namespace orbita::kernel::automation {

class RequestSchemas;
class RunAs;
class TriggerEngine;

/// Triggers per target stage. Saves are checked as a whole (422 listing every problem:
/// unknown stage, kind-specific config, unknown trigger source, run-as user). A webhook
/// trigger gets a random secret, answered once at creation (and by rotate_secret);
/// only its SHA-256 is stored. Changes are audited and reach the engine at once.
class TriggerAdmin {
public:
    using Sources = std::function<std::set<std::string>()>;

    TriggerAdmin(storage::Database& db, const entity::TypeRegistry& types, const RequestSchemas& schemas, RunAs& run_as,
                 TriggerEngine& engine, Sources sources, audit::AuditLog& audit, const Clock& clock)
        : db_(db), types_(types), schemas_(schemas), run_as_(run_as), engine_(engine), sources_(std::move(sources)), audit_(audit),
          clock_(clock) {}

    /// Triggers of ?type=.
    nlohmann::json list(const std::string& type);
    nlohmann::json create(const Actor& actor, const nlohmann::json& body);
    nlohmann::json get(std::int64_t id);
    nlohmann::json update(const Actor& actor, std::int64_t id, const nlohmann::json& body);
    void remove(const Actor& actor, std::int64_t id);
    /// A new secret for a webhook trigger (the old one stops working): {"secret": ...}.
    nlohmann::json rotate_secret(const Actor& actor, std::int64_t id);
    nlohmann::json runs(std::int64_t id, int limit, std::int64_t before);
    /// Triggers of a pipeline's stages: stage id -> [trigger, ...] as JSON.
    nlohmann::json of_pipeline(std::int64_t pipeline_id);

private:
    Trigger require(storage::Connection& conn, std::int64_t id);
    void check(Trigger& trigger, const nlohmann::json& body, const Actor& actor);
    nlohmann::json to_json(const Trigger& trigger);

    storage::Database& db_;
    const entity::TypeRegistry& types_;
    const RequestSchemas& schemas_;
    RunAs& run_as_;
    TriggerEngine& engine_;
    Sources sources_;
    audit::AuditLog& audit_;
    const Clock& clock_;
};

}  // namespace orbita::kernel::automation
