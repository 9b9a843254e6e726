// SPDX-License-Identifier: Apache-2.0
#include "automation/condition_evaluator.hpp"

#include "lua/lua_runtime.hpp"
#include "records/record_repository.hpp"
#include "scripts/script_store.hpp"

#include <stdexcept>

namespace orbita::kernel::automation {

namespace {

records::ListQuery match_query(const nlohmann::json& filter, std::int64_t id) {
    records::ListQuery q;
    nlohmann::json id_match = {{"field", "id"}, {"op", "eq"}, {"value", id}};
    q.selection.filter = id ? nlohmann::json{{"and", {filter, id_match}}} : filter;
    q.selection.archived = records::ArchiveFilter::All;
    q.limit = 1;
    return q;
}

std::string describe(const lua::RunError& e) {
    return e.chunk + (e.line > 0 ? ":" + std::to_string(e.line) : "") + ": " + e.message;
}

}  // namespace

lua::ScriptSource ConditionEvaluator::lua_source(const nlohmann::json& condition, const std::string& label) {
    const std::string chunk = "robots/" + label + "/condition.lua";
    if (condition.contains("script")) {
        const auto name = condition["script"].get<std::string>();
        auto script = scripts_.find_by_name(name);
        if (!script) throw std::runtime_error("the condition script '" + name + "' does not exist");
        if (!script->enabled) throw std::runtime_error("the condition script '" + name + "' is disabled");
        return {"script:" + std::to_string(script->id), "scripts/" + script->name + ".lua", script->source};
    }
    const auto text = condition["lua"].get<std::string>();
    lua::ScriptSource expression{label + ":condition", chunk, "return (" + text + "\n)"};
    if (!lua_.check(expression)) return expression;
    return {label + ":condition", chunk, text};
}

void ConditionEvaluator::check(const nlohmann::json& condition, const std::string& type, std::vector<FieldError>& errors) {
    if (!condition.is_object()) return;
    if (condition.contains("filter")) {
        try {
            records_.list(Actor::system_actor("robots"), type, match_query(condition["filter"], 0));
        } catch (const Problem& p) {
            if (p.errors().empty()) errors.push_back({"condition.filter", "invalid_filter", p.detail()});
            for (const auto& e : p.errors()) errors.push_back({"condition." + e.field, e.code, e.message});
        }
    } else if (condition.contains("lua")) {
        auto source = lua_source(condition, "check");
        if (auto error = lua_.check(source)) errors.push_back({"condition.lua", "compile_error", "line " + std::to_string(error->line) + ": " + error->message});
    } else if (condition.contains("script")) {
        try {
            lua_source(condition, "check");
        } catch (const std::exception& e) {
            errors.push_back({"condition.script", "unknown_script", e.what()});
        }
    }
}

bool ConditionEvaluator::holds(const nlohmann::json& condition, const Actor& actor, const std::string& type, std::int64_t id,
                               const nlohmann::json& args, const std::string& label, nlohmann::json& logs) {
    if (!condition.is_object() || condition.empty()) return true;
    if (condition.contains("filter")) return !records_.list(actor, type, match_query(condition["filter"], id)).items.empty();
    const auto source = lua_source(condition, label);
    lua::RunContext context{actor, lua_.default_budgets(), lua::RecordRef{type, id}, args, /*dry_run=*/true, {}};
    const auto result = lua_.run_nested(source, context);
    for (const auto& line : result.logs) logs.push_back({{"level", line.level}, {"message", "condition: " + line.message}});
    if (!result.ok) throw std::runtime_error("condition failed: " + describe(*result.error));
    return !(result.value.is_null() || result.value == false);
}

}  // namespace orbita::kernel::automation
