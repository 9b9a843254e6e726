// SPDX-License-Identifier: Apache-2.0
#include "scripts/script_service.hpp"

#include "acl/profile_cache.hpp"
#include "auth/auth_service.hpp"
#include "core/problem.hpp"
#include "lua/lua_runtime.hpp"
#include "scripts/script_run_log.hpp"
#include "scripts/script_store.hpp"

namespace orbita::kernel::scripts {

namespace {

std::optional<std::string> optional_string(const nlohmann::json& body, const char* field, std::vector<FieldError>& errors) {
    if (!body.contains(field)) return std::nullopt;
    if (!body[field].is_string()) {
        errors.push_back({field, "type", std::string(field) + " must be a string"});
        return std::nullopt;
    }
    return body[field].get<std::string>();
}

}  // namespace

ScriptService::ScriptService(ScriptStore& store, ScriptRunLog& runs, lua::LuaRuntime& runtime, ConstantStore& constants,
                             auth::AuthService& auth, acl::ProfileCache& profiles)
    : store_(store), runs_(runs), runtime_(runtime), constants_(constants), auth_(auth), profiles_(profiles) {}

lua::ScriptSource ScriptService::source_of(const StoredScript& script) {
    return {"script:" + std::to_string(script.id), "scripts/" + script.name + ".lua", script.source};
}

nlohmann::json ScriptService::list() {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& s : store_.list()) items.push_back(s.to_json(false));
    return {{"items", std::move(items)}};
}

nlohmann::json ScriptService::get(std::int64_t id) {
    auto s = store_.find(id);
    if (!s) throw Problem::not_found("there is no script #" + std::to_string(id));
    return s->to_json(true);
}

void ScriptService::require_compiles(const std::string& name, const std::string& source) {
    if (auto error = runtime_.check({"script:" + name, "scripts/" + name + ".lua", source})) {
        const std::string where = error->line > 0 ? "line " + std::to_string(error->line) + ": " : "";
        throw Problem(422, "lua-compile-error", "Script does not compile", where + error->message,
                      {{"source", "compile_error", where + error->message}}, {{"line", error->line}, {"chunk", error->chunk}});
    }
}

nlohmann::json ScriptService::create(const Actor& actor, const nlohmann::json& body) {
    if (!body.is_object()) throw Problem::bad_request("the body must be a JSON object");
    std::vector<FieldError> errors;
    auto name = optional_string(body, "name", errors);
    auto kind = optional_string(body, "kind", errors);
    auto source = optional_string(body, "source", errors);
    auto description = optional_string(body, "description", errors);
    if (!name) errors.push_back({"name", "required", "name is required"});
    if (!source) errors.push_back({"source", "required", "source is required"});
    if (!errors.empty()) throw Problem::validation(std::move(errors));
    require_compiles(*name, *source);
    return store_.create(actor, *name, kind.value_or("script"), description.value_or(""), *source, "admin").to_json(true);
}

nlohmann::json ScriptService::update(const Actor& actor, std::int64_t id, const nlohmann::json& body) {
    if (!body.is_object()) throw Problem::bad_request("the body must be a JSON object");
    std::vector<FieldError> errors;
    auto source = optional_string(body, "source", errors);
    auto description = optional_string(body, "description", errors);
    std::optional<bool> enabled;
    if (body.contains("enabled")) {
        if (body["enabled"].is_boolean()) {
            enabled = body["enabled"].get<bool>();
        } else {
            errors.push_back({"enabled", "type", "enabled must be true or false"});
        }
    }
    if (!errors.empty()) throw Problem::validation(std::move(errors));
    auto current = store_.find(id);
    if (!current) throw Problem::not_found("there is no script #" + std::to_string(id));
    if (source) require_compiles(current->name, *source);
    return store_.update(actor, id, source, description, enabled, true).to_json(true);
}

nlohmann::json ScriptService::versions(std::int64_t id) { return store_.versions(id); }

nlohmann::json ScriptService::runs(std::int64_t id, int limit, std::int64_t before) {
    if (!store_.find(id)) throw Problem::not_found("there is no script #" + std::to_string(id));
    return runs_.list(id, limit, before);
}

nlohmann::json ScriptService::check(const std::string& name, const std::string& source) {
    auto error = runtime_.check({"check:" + name, "scripts/" + name + ".lua", source});
    if (!error) return {{"ok", true}};
    return {{"ok", false}, {"error", error->to_json()}};
}

Actor ScriptService::actor_for(const std::string& login) {
    auto id = auth_.find_user(login);
    if (!id) throw Problem::not_found("there is no user with login '" + login + "'");
    auto profile = profiles_.get(*id);
    if (!profile) {
        throw Problem::validation({{"as", "inactive_user", "user '" + login + "' is inactive or archived and cannot run scripts"}});
    }
    return Actor{*id, login, false, profile, {}};
}

lua::RunResult ScriptService::run(const Actor& caller, std::optional<std::int64_t> script_id, const lua::ScriptSource& source,
                                  const RunRequest& request) {
    lua::RunContext context{request.as_login.empty() ? caller : actor_for(request.as_login), runtime_.default_budgets(),
                            request.record, request.args, request.dry_run, {}};
    auto result = runtime_.run(source, context);
    runs_.record(script_id, source.id, context, result);
    return result;
}

lua::RunResult ScriptService::run_stored(const Actor& caller, std::int64_t id, const RunRequest& request) {
    auto script = store_.find(id);
    if (!script) throw Problem::not_found("there is no script #" + std::to_string(id));
    if (!script->enabled && !request.dry_run) {
        throw Problem::conflict("script-disabled", "script '" + script->name + "' is disabled; only dry runs are allowed");
    }
    return run(caller, script->id, source_of(*script), request);
}

lua::RunResult ScriptService::run_source(const Actor& caller, const std::string& label, const std::string& source,
                                         const RunRequest& request) {
    return run(caller, std::nullopt, {label, label, source}, request);
}

std::vector<ConstantDefinition> ScriptService::evaluate_constants(const lua::ScriptSource& source,
                                                                  std::vector<std::string>& problems) {
    lua::RunContext context{Actor::system_actor("defaults"), runtime_.default_budgets(), std::nullopt, nullptr, true, {}};
    auto result = runtime_.run(source, context);
    std::vector<ConstantDefinition> out;
    if (!result.ok) {
        problems.push_back(source.chunk + ": " + (result.error ? result.error->message : "failed") +
                           (result.error && result.error->line ? " (line " + std::to_string(result.error->line) + ")" : ""));
        return out;
    }
    if (!result.value.is_object()) {
        problems.push_back(source.chunk + ": a constants file must return a table {Name = {type = ..., value = ...}}");
        return out;
    }
    for (auto it = result.value.begin(); it != result.value.end(); ++it) {
        const auto& d = *it;
        if (!d.is_object() || !d.contains("type") || !d["type"].is_string()) {
            problems.push_back(source.chunk + ": constant " + it.key() + " needs a type");
            continue;
        }
        out.push_back({it.key(), d["type"].get<std::string>(), d.value("value", nlohmann::json()),
                       d.value("label", std::string()), d.value("description", std::string())});
    }
    return out;
}

std::vector<std::string> ScriptService::install_defaults(const std::vector<DefaultScript>& defaults) {
    std::vector<std::string> problems;
    const Actor installer = Actor::system_actor("defaults");
    for (const auto& d : defaults) {
        try {
            if (auto error = runtime_.check({d.origin + ":" + d.name, "scripts/" + d.name + ".lua", d.source})) {
                problems.push_back("default script " + d.name + " of " + d.origin + " does not compile (line " +
                                   std::to_string(error->line) + "): " + error->message);
            }
            auto existing = store_.find_by_name(d.name);
            if (!existing) {
                store_.create(installer, d.name, d.kind, d.description, d.source, d.origin);
            } else if (existing->origin == d.origin && !existing->edited && existing->source != d.source) {
                store_.update(installer, existing->id, d.source, d.description, std::nullopt, false);
            }
        } catch (const std::exception& e) {
            problems.push_back("default script " + d.name + " of " + d.origin + ": " + e.what());
        }
    }
    for (const auto& script : store_.of_kind("constants")) {
        auto definitions = evaluate_constants(source_of(script), problems);
        auto installed = constants_.install_defaults(definitions, script.origin);
        problems.insert(problems.end(), installed.begin(), installed.end());
    }
    return problems;
}

}  // namespace orbita::kernel::scripts
