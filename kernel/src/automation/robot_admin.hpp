// SPDX-License-Identifier: Apache-2.0
// What administrators do with robots: checked saves, run history, dry runs.
#pragma once

#include "automation/robot_model.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"

#include <nlohmann/json.hpp>

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

class ActionRegistry;
class ConditionEvaluator;
class RequestSchemas;
class RobotRunner;
class RunAs;

/// Robots per stage. A save is checked as a whole and refused with one 422 listing
/// every problem: unknown stage, unknown action (with a hint), parameters that do not
/// match the action's input schema, templates naming unknown fields, a bad delay, a
/// condition that does not compile, an unknown or inactive run-as user. Changes are
/// audited; deleting or disabling a robot cancels its pending runs.
class RobotAdmin {
public:
    RobotAdmin(storage::Database& db, const entity::TypeRegistry& types, const RequestSchemas& schemas, ActionRegistry& actions,
               ConditionEvaluator& conditions, RunAs& run_as, RobotRunner& runner, audit::AuditLog& audit, const Clock& clock)
        : db_(db), types_(types), schemas_(schemas), actions_(actions), conditions_(conditions), run_as_(run_as), runner_(runner),
          audit_(audit), clock_(clock) {}

    nlohmann::json create(const Actor& actor, const nlohmann::json& body);
    nlohmann::json get(std::int64_t id);
    nlohmann::json update(const Actor& actor, std::int64_t id, const nlohmann::json& body);
    void remove(const Actor& actor, std::int64_t id);
    /// Runs, newest first: {"items": [...], "next_before": id|null}.
    nlohmann::json runs(std::int64_t id, int limit, std::int64_t before);
    /// {record_id} -> what the robot would do to that record (nothing is kept).
    nlohmann::json dry_run(std::int64_t id, const nlohmann::json& body);
    /// The robots of a pipeline's stages: the pipeline with "robots" in each stage.
    nlohmann::json board(std::int64_t pipeline_id);

private:
    Robot require(storage::Connection& conn, std::int64_t id);
    /// Applies `body` to `robot` and checks the result; 422 with every problem.
    void apply(Robot& robot, const nlohmann::json& body, const Actor& actor);
    nlohmann::json to_json(const Robot& robot);

    storage::Database& db_;
    const entity::TypeRegistry& types_;
    const RequestSchemas& schemas_;
    ActionRegistry& actions_;
    ConditionEvaluator& conditions_;
    RunAs& run_as_;
    RobotRunner& runner_;
    audit::AuditLog& audit_;
    const Clock& clock_;
};

}  // namespace orbita::kernel::automation
