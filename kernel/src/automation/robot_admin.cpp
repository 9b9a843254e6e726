// SPDX-License-Identifier: Apache-2.0
#include "automation/robot_admin.hpp"

#include "audit/audit_log.hpp"
#include "automation/action_registry.hpp"
#include "automation/condition_evaluator.hpp"
#include "automation/delay_spec.hpp"
#include "automation/error_text.hpp"
#include "automation/pipeline_store.hpp"
#include "automation/request_schemas.hpp"
#include "automation/robot_runner.hpp"
#include "automation/robot_store.hpp"
#include "automation/run_as.hpp"
#include "automation/templates.hpp"
#include "entity/type_registry.hpp"
#include "jobs/job.hpp"
#include "storage/database.hpp"

namespace orbita::kernel::automation {


Robot RobotAdmin::require(storage::Connection& conn, std::int64_t id) {
    auto robot = RobotStore::find(conn, id);
    if (!robot) throw Problem::not_found("robot #" + std::to_string(id) + " does not exist");
    return std::move(*robot);
}

nlohmann::json RobotAdmin::to_json(const Robot& robot) { return robot.to_json(run_as_.login_of(robot.run_as)); }

void RobotAdmin::apply(Robot& robot, const nlohmann::json& body, const Actor& actor) {
    std::vector<FieldError> errors;
    const std::string previous_type = robot.entity_type;
    if (body.contains("stage_id")) {
        const auto stage_id = body["stage_id"].get<std::int64_t>();
        auto pipeline = db_.read([&](storage::Connection& c) { return PipelineStore::of_stage(c, stage_id); });
        if (!pipeline) {
            throw Problem::validation({{"stage_id", "unknown_stage", "there is no stage #" + std::to_string(stage_id)}});
        }
        if (!previous_type.empty() && pipeline->entity_type != previous_type)
            throw Problem::validation({{"stage_id", "other_type", "stage #" + std::to_string(stage_id) + " belongs to " +
                                                                      pipeline->entity_type + ", the robot to " + previous_type}});
        robot.stage_id = stage_id;
        robot.pipeline_id = pipeline->id;
        robot.entity_type = pipeline->entity_type;
    }
    const auto type = types_.get(robot.entity_type);
    robot.name = body.value("name", robot.name);
    robot.action = body.value("action", robot.action);
    if (body.contains("params")) robot.params = body["params"];
    if (body.contains("condition")) robot.condition = body["condition"];
    if (body.contains("cancel_on_leave")) robot.cancel_on_leave = body["cancel_on_leave"].get<bool>();
    if (body.contains("enabled")) robot.enabled = body["enabled"].get<bool>();
    if (body.contains("position")) robot.position = body["position"].get<int>();
    const auto action = actions_.find(robot.action);
    collect_validation_errors(errors, [&] { actions_.check(robot.action, robot.params, "action", action && action->templated); });
    if (action && action->templated) {
        auto fields = type->field_names();
        Templates::check(robot.params, fields, "params", errors);
    }
    if (body.contains("delay")) {
        auto delay = DelaySpec::parse(body["delay"], *type, errors);
        robot.delay = delay.to_json();
    }
    conditions_.check(robot.condition, robot.entity_type, errors);
    if (body.contains("run_as")) {
        collect_validation_errors(errors, [&] { robot.run_as = run_as_.user_for(body["run_as"].get<std::string>()); });
    } else if (robot.run_as == 0) {
        robot.run_as = actor.user_id;
        if (robot.run_as == 0) errors.push_back({"run_as", "required", "name the user the robot acts as"});
    }
    if (!errors.empty()) throw Problem::validation(std::move(errors));
}

nlohmann::json RobotAdmin::create(const Actor& actor, const nlohmann::json& body) {
    schemas_.check("robot", body);
    Robot robot;
    robot.created_by = actor.user_id;
    apply(robot, body, actor);
    robot.created_at = robot.updated_at = jobs::to_millis(clock_.now());
    const auto id = db_.write([&](storage::Transaction& tx) {
        if (!body.contains("position")) robot.position = static_cast<int>(RobotStore::of_stage(tx.conn(), robot.stage_id, false).size());
        return RobotStore::insert(tx.conn(), robot);
    });
    audit_.record(actor, "robot.created", {{"robot_id", id}, {"name", robot.name}, {"action", robot.action}, {"stage_id", robot.stage_id}},
                  robot.entity_type);
    return get(id);
}

nlohmann::json RobotAdmin::get(std::int64_t id) {
    auto robot = db_.read([&](storage::Connection& c) { return require(c, id); });
    return to_json(robot);
}

nlohmann::json RobotAdmin::update(const Actor& actor, std::int64_t id, const nlohmann::json& body) {
    schemas_.check("robot_update", body);
    auto robot = db_.read([&](storage::Connection& c) { return require(c, id); });
    apply(robot, body, actor);
    robot.updated_at = jobs::to_millis(clock_.now());
    db_.write([&](storage::Transaction& tx) {
        RobotStore::update(tx.conn(), robot);
        if (!robot.enabled) RobotStore::cancel_runs_of(tx.conn(), {id}, "the robot was disabled before it ran", robot.updated_at);
    });
    audit_.record(actor, "robot.updated", {{"robot_id", id}, {"changes", body}}, robot.entity_type);
    return get(id);
}

void RobotAdmin::remove(const Actor& actor, std::int64_t id) {
    auto robot = db_.write([&](storage::Transaction& tx) {
        auto r = require(tx.conn(), id);
        RobotStore::remove(tx.conn(), id);
        RobotStore::cancel_runs_of(tx.conn(), {id}, "the robot was deleted before it ran", jobs::to_millis(clock_.now()));
        return r;
    });
    audit_.record(actor, "robot.deleted", {{"robot_id", id}, {"name", robot.name}}, robot.entity_type);
}

nlohmann::json RobotAdmin::runs(std::int64_t id, int limit, std::int64_t before) {
    return db_.read([&](storage::Connection& c) {
        require(c, id);
        nlohmann::json items = nlohmann::json::array();
        const auto list = RobotStore::runs_of(c, id, limit, before);
        for (const auto& run : list) items.push_back(run.to_json());
        const bool more = list.size() == static_cast<std::size_t>(limit);
        return nlohmann::json{{"items", items}, {"next_before", more ? nlohmann::json(list.back().id) : nlohmann::json(nullptr)}};
    });
}

nlohmann::json RobotAdmin::dry_run(std::int64_t id, const nlohmann::json& body) {
    schemas_.check("dry_run", body);
    auto robot = db_.read([&](storage::Connection& c) { return require(c, id); });
    return runner_.dry_run(robot, body["record_id"].get<std::int64_t>());
}

nlohmann::json RobotAdmin::board(std::int64_t pipeline_id) {
    auto [pipeline, robots] = db_.read([&](storage::Connection& c) {
        auto p = PipelineStore::find(c, pipeline_id);
        if (!p) throw Problem::not_found("pipeline #" + std::to_string(pipeline_id) + " does not exist");
        return std::make_pair(std::move(*p), RobotStore::of_pipeline(c, pipeline_id));
    });
    auto out = pipeline.to_json();
    for (auto& stage : out["stages"]) {
        stage["robots"] = nlohmann::json::array();
        for (const auto& r : robots) {
            if (r.stage_id == stage["id"].get<std::int64_t>()) stage["robots"].push_back(to_json(r));
        }
    }
    return out;
}

}  // namespace orbita::kernel::automation
