// SPDX-License-Identifier: Apache-2.0
// Scripts as administrators manage them: checked saves, dry runs, run history, defaults.
#pragma once

#include "core/actor.hpp"
#include "lua/run_context.hpp"
#include "lua/run_result.hpp"
#include "scripts/constant_store.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace orbita::kernel::auth {
class AuthService;
}
namespace orbita::kernel::acl {
class ProfileCache;
}
namespace orbita::kernel::lua {
class LuaRuntime;
}

namespace orbita::kernel::scripts {

class ScriptStore;
class ScriptRunLog;
struct StoredScript;

/// A script shipped with the kernel (scripts/ in the repository) or a plugin.
struct DefaultScript {
    std::string name;
    std::string kind;  ///< module or constants (robots and processes come with their engines)
    std::string description;
    std::string source;
    std::string origin;  ///< "kernel" or the plugin id
};

/// How to run a script: as whom, on which record, and whether to keep the effects.
struct RunRequest {
    std::string as_login;  ///< the run-as user; empty: the caller
    std::optional<lua::RecordRef> record;
    nlohmann::json args = nullptr;
    bool dry_run = true;
};

/// The operations behind the scripts admin API and `orbita lua`. Saving compiles the
/// source first, so a stored script always parses (422 with the line otherwise). Runs
/// go through LuaRuntime and are written to the run history.
class ScriptService {
public:
    ScriptService(ScriptStore& store, ScriptRunLog& runs, lua::LuaRuntime& runtime, ConstantStore& constants,
                  auth::AuthService& auth, acl::ProfileCache& profiles);

    nlohmann::json list();
    nlohmann::json get(std::int64_t id);
    /// {name, kind, source, description?} -> the stored script (201).
    nlohmann::json create(const Actor& actor, const nlohmann::json& body);
    /// Any of {source, description, enabled}.
    nlohmann::json update(const Actor& actor, std::int64_t id, const nlohmann::json& body);
    nlohmann::json versions(std::int64_t id);
    nlohmann::json runs(std::int64_t id, int limit, std::int64_t before);
    /// {"ok": true} or {"ok": false, "error": {kind, chunk, line, message}}.
    nlohmann::json check(const std::string& name, const std::string& source);

    /// Runs stored script `id` (a disabled one only as a dry run).
    lua::RunResult run_stored(const Actor& caller, std::int64_t id, const RunRequest& request);
    /// Runs `source` that is not stored (the CLI, ad-hoc dry runs); `label` names it
    /// in errors and history ("file:robot.lua").
    lua::RunResult run_source(const Actor& caller, const std::string& label, const std::string& source,
                              const RunRequest& request);

    /// The actor for a login: 404 when no such user, 422 when inactive or archived.
    Actor actor_for(const std::string& login);

    /// Installs shipped scripts where no administrator edited them, then the constants
    /// every enabled constants script declares. Answers the problems found (logged by
    /// the caller; a broken default must not stop the server).
    std::vector<std::string> install_defaults(const std::vector<DefaultScript>& defaults);

    /// The definitions a constants chunk returns ({Name = {type, value, label, description}}).
    std::vector<ConstantDefinition> evaluate_constants(const lua::ScriptSource& source, std::vector<std::string>& problems);

private:
    lua::RunResult run(const Actor& caller, std::optional<std::int64_t> script_id, const lua::ScriptSource& source,
                       const RunRequest& request);
    void require_compiles(const std::string& name, const std::string& source);
    static lua::ScriptSource source_of(const StoredScript& script);

    ScriptStore& store_;
    ScriptRunLog& runs_;
    lua::LuaRuntime& runtime_;
    ConstantStore& constants_;
    auth::AuthService& auth_;
    acl::ProfileCache& profiles_;
};

}  // namespace orbita::kernel::scripts
