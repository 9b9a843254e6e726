// SPDX-License-Identifier: Apache-2.0
#include "automation/automation_module.hpp"

#include "automation/action_registry.hpp"
#include "automation/condition_evaluator.hpp"
#include "automation/kernel_actions.hpp"
#include "automation/pipeline_admin.hpp"
#include "automation/pipelines_api.hpp"
#include "automation/plugin_actions.hpp"
#include "automation/record_mover.hpp"
#include "automation/request_schemas.hpp"
#include "automation/robot_admin.hpp"
#include "automation/robot_runner.hpp"
#include "automation/robot_scheduler.hpp"
#include "automation/robots_api.hpp"
#include "automation/run_as.hpp"
#include "automation/stage_gate.hpp"
#include "automation/trigger_admin.hpp"
#include "automation/trigger_engine.hpp"
#include "automation/trigger_rules.hpp"
#include "automation/triggers_api.hpp"
#include "plugins/plugin_host.hpp"
#include "events/event_bus.hpp"
#include "jobs/job_handler_registry.hpp"
#include "lua/lua_extensions.hpp"
#include "lua/lua_runtime.hpp"
#include "lua/run_state.hpp"
#include "records/record_repository.hpp"
#include "scripts/constant_store.hpp"

#include <set>

namespace orbita::kernel::automation {

struct AutomationModule::Parts {
    AutomationServices s;
    AutomationOptions options = AutomationOptions::from_config(s.config);
    RequestSchemas schemas;
    ActionRegistry actions;
    StageGate gate{s.db, s.types, s.events};
    RecordMover mover{s.records};
    PipelineAdmin pipelines{s.db, s.types, schemas, s.audit, s.clock};
    RunAs run_as{s.auth, s.profiles, s.db};
    ConditionEvaluator conditions{s.records, s.lua, s.scripts};
    RobotScheduler scheduler{s.db, s.types, s.jobs, s.calendar, s.clock, s.time_zone};
    RobotRunner runner{s.db, s.records, actions, conditions, run_as, s.audit, s.clock, options,
                       [&constants = s.constants](const std::string& name) { return constants.value(name); }};
    RobotAdmin robots{s.db, s.types, schemas, actions, conditions, run_as, runner, s.audit, s.clock};
    TriggerEngine triggers{s.db, s.records, mover, run_as, s.jobs, schemas, s.audit, s.clock, options};
    std::vector<plugins::Owned<sdk::Trigger>> sources;  ///< trigger sources of running plugins
    TriggerAdmin trigger_admin{s.db, s.types, schemas, run_as, triggers,
                               [this] {
                                   std::set<std::string> ids;
                                   for (const auto& source : sources) ids.insert(source.item.id);
                                   return ids;
                               },
                               s.audit, s.clock};

    explicit Parts(AutomationServices services) : s(std::move(services)) {}
};

namespace {

// orbita.records.move(type, id, stage[, pipeline]) as the run-as user, reported as an effect.
void provide_lua_move(lua::LuaRuntime& lua, RecordMover& mover) {
    lua.extensions().provide("records.move", [&mover](lua::RunState& run, const nlohmann::json& args) {
        const auto type = args.at(0).get<std::string>();
        auto pipeline = args.size() > 3 ? std::optional<std::string>(args[3].get<std::string>()) : std::nullopt;
        auto moved = mover.move(run.context().actor, type, args.at(1).get<std::int64_t>(), args.at(2).get<std::string>(), pipeline);
        run.add_effect(moved.effect(type));
        return std::vector<nlohmann::json>{moved.record};
    });
}

nlohmann::json sources_json(const std::vector<plugins::Owned<sdk::Trigger>>& sources) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& s : sources) {
        list.push_back({{"id", s.item.id}, {"description", s.item.description}, {"event_pattern", s.item.event_pattern}, {"owner", s.owner}});
    }
    return {{"kinds", TriggerRules::kinds()}, {"sources", list}};
}

}  // namespace

AutomationModule::AutomationModule(AutomationServices services) : parts_(std::make_unique<Parts>(std::move(services))) {
    auto& p = *parts_;
    p.s.records.add_input_filler([&gate = p.gate](const entity::EntityType& type, std::optional<std::int64_t> id,
                                                  nlohmann::json& body) { gate.fill(type, id, body); });
    for (const char* name : {"record.created", "record.updated"}) {
        p.s.events.subscribe(name, [&gate = p.gate](const events::Event& e) { gate.check(e); }, events::Phase::InTransaction);
    }
    p.s.events.subscribe(StageGate::kStageChanged, [&scheduler = p.scheduler](const events::Event& e) { scheduler.on_stage_changed(e); },
                         events::Phase::InTransaction);
    p.s.job_handlers.add(RobotScheduler::kJobKind,
                         {.run = [&runner = p.runner](jobs::JobContext& ctx) { runner.run_job(ctx); },
                          .on_dead = [&runner = p.runner](storage::Transaction&, const jobs::JobRecord& job, const std::string& error) {
                              runner.bury_job(job.idempotency_key, error);
                          }});
    for (const char* name : {"record.created", "record.updated", StageGate::kStageChanged}) {
        p.s.events.subscribe(name, [&engine = p.triggers](const events::Event& e) { engine.on_event(e, ""); },
                             events::Phase::InTransaction);
    }
    p.s.job_handlers.add(TriggerEngine::kJobKind, {.run = [&engine = p.triggers](jobs::JobContext& ctx) { engine.run_job(ctx); }});
    add_record_actions(p.actions, p.s.records, p.mover);
    add_message_actions(p.actions, p.s.outbox);
    add_lua_action(p.actions, p.s.lua, p.s.scripts);
    provide_lua_move(p.s.lua, p.mover);
    register_pipelines_api(p.s.router, p.pipelines, p.mover, p.schemas, p.s.access_admin);
    register_robots_api(p.s.router, p.robots, p.actions, [&admin = p.trigger_admin](std::int64_t id) { return admin.of_pipeline(id); },
                        p.s.access_admin);
    register_triggers_api(p.s.router, p.trigger_admin, p.triggers, [&sources = p.sources] { return sources_json(sources); },
                          p.s.access_admin);
}

AutomationModule::~AutomationModule() = default;

void AutomationModule::adopt_plugins(plugins::PluginHost& host) {
    auto& p = *parts_;
    adopt_plugin_actions(p.actions, host, p.s.records);
    p.sources = host.catalog().triggers();
    for (const auto& source : p.sources) {
        p.s.events.subscribe(source.item.event_pattern,
                             [&engine = p.triggers, id = source.item.id](const events::Event& e) { engine.on_event(e, id); },
                             events::Phase::InTransaction);
    }
}

ActionRegistry& AutomationModule::actions() { return parts_->actions; }

}  // namespace orbita::kernel::automation
