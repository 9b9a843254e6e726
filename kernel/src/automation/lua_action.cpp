// SPDX-License-Identifier: Apache-2.0
// run_lua: a stored script or inline source with the record and the robot's args.
#include "automation/action_registry.hpp"
#include "automation/kernel_actions.hpp"
#include "lua/lua_runtime.hpp"
#include "scripts/script_store.hpp"

#include <stdexcept>

namespace orbita::kernel::automation {

namespace {

std::optional<lua::ScriptSource> source_of(const nlohmann::json& input, scripts::ScriptStore& scripts, std::string& problem) {
    if (input.contains("source")) return lua::ScriptSource{"robot-lua", "robots/inline.lua", input["source"].get<std::string>()};
    const auto name = input.value("script", std::string());
    auto script = scripts.find_by_name(name);
    if (!script) {
        problem = "there is no script '" + name + "'";
    } else if (!script->enabled) {
        problem = "script '" + name + "' is disabled";
    } else {
        return lua::ScriptSource{"script:" + std::to_string(script->id), "scripts/" + script->name + ".lua", script->source};
    }
    return std::nullopt;
}

}  // namespace

void add_lua_action(ActionRegistry& registry, lua::LuaRuntime& lua, scripts::ScriptStore& scripts) {
    Action action{
        .id = "run_lua",
        .description = "Run Lua: a stored script or inline source, with the record as `record` and `args`",
        .input_schema = {{"type", "object"},
                         {"additionalProperties", false},
                         {"minProperties", 1},
                         {"properties",
                          {{"script", {{"type", "string"}, {"description", "Name of a stored script"}}},
                           {"source", {{"type", "string"}, {"description", "Inline Lua source"}}},
                           {"args", {{"type", "object"}, {"description", "The script's `args`"}}}}}},
        .run = [&lua, &scripts](const nlohmann::json& input, ActionContext& ctx) -> nlohmann::json {
            std::string problem;
            auto source = source_of(input, scripts, problem);
            if (!source) throw std::invalid_argument(problem);
            lua::RunContext context{ctx.actor, lua.default_budgets(), lua::RecordRef{ctx.type, ctx.record_id},
                                    input.value("args", nlohmann::json::object()), false, {}};
            auto result = lua.run_nested(*source, context);
            for (const auto& line : result.logs) ctx.logs.push_back({{"level", line.level}, {"message", line.message}, {"line", line.line}});
            ctx.effects.add_all(result.effects);
            if (!result.ok) {
                const auto& e = *result.error;
                throw std::runtime_error(e.chunk + (e.line > 0 ? ":" + std::to_string(e.line) : "") + ": " + e.message);
            }
            return result.value;
        },
        .templated = false};
    action.check = [&lua, &scripts](const nlohmann::json& input, std::vector<FieldError>& errors) {
        if (input.contains("source") == input.contains("script")) {
            errors.push_back({"params", "one_of", "give either script (a stored script's name) or source (Lua code)"});
            return;
        }
        std::string problem;
        auto source = source_of(input, scripts, problem);
        if (!source) {
            errors.push_back({"params.script", "unknown_script", problem});
        } else if (auto error = lua.check(*source)) {
            errors.push_back({input.contains("source") ? "params.source" : "params.script", "compile_error",
                              "line " + std::to_string(error->line) + ": " + error->message});
        }
    };
    registry.add(std::move(action));
}

}  // namespace orbita::kernel::automation
