// SPDX-License-Identifier: Apache-2.0
#include "app/process_robot_actions.hpp"

#include "automation/action_registry.hpp"
#include "notifications/notify_action.hpp"
#include "processes/processes_module.hpp"
#include "processes/start_process_action.hpp"

namespace orbita::kernel::app {

namespace {

// Users are given by id or login.
const nlohmann::json kUserRef = {{"type", {"integer", "string"}}};

nlohmann::json notify_schema() {
    return {{"type", "object"},
            {"properties",
             {{"user", kUserRef},
              {"users", {{"type", "array"}, {"minItems", 1}, {"maxItems", 100}, {"items", kUserRef}}},
              {"text", {{"type", "string"}, {"minLength", 1}}},
              {"title", {{"type", "string"}}},
              {"link", {{"type", {"object", "null"}}}},
              {"source", {{"type", "string"}}}}},
            {"required", {"text"}},
            {"additionalProperties", false}};
}

nlohmann::json start_process_schema() {
    return {{"type", "object"},
            {"properties",
             {{"process", {{"type", "string"}, {"minLength", 1}}}, {"vars", {{"type", "object"}}}, {"as", kUserRef}}},
            {"required", {"process"}},
            {"additionalProperties", false}};
}

std::optional<lua::RecordRef> record_of(const automation::ActionContext& ctx) {
    if (ctx.record_id == 0) return std::nullopt;
    return lua::RecordRef{ctx.type, ctx.record_id};
}

}  // namespace

void register_process_robot_actions(automation::ActionRegistry& actions, processes::ProcessesModule& processes) {
    auto& notify = processes.notify_action();
    actions.add({.id = "notify",
                 .description = "Send an in-app notification to one or several users",
                 .input_schema = notify_schema(),
                 .run = [&notify](const nlohmann::json& input, automation::ActionContext& ctx) {
                     auto params = input;
                     if (!params.contains("source")) params["source"] = ctx.run_key;
                     auto effect = notify.run(params, ctx.actor, record_of(ctx), ctx.tx, ctx.dry_run);
                     ctx.effects.add(effect);
                     return effect;
                 }});
    auto& start = processes.start_process_action();
    actions.add({.id = "start_process",
                 .description = "Start a durable process about the record",
                 .input_schema = start_process_schema(),
                 .run = [&start](const nlohmann::json& input, automation::ActionContext& ctx) {
                     auto effect = start.run(input, ctx.actor, record_of(ctx), ctx.tx, ctx.dry_run);
                     ctx.effects.add(effect);
                     return effect;
                 }});
}

}  // namespace orbita::kernel::app
