// SPDX-License-Identifier: Apache-2.0
#include "lua/sandbox_state.hpp"

#include "lua/budget_hook.hpp"
#include "lua/entry_caller.hpp"
#include "lua/error_position.hpp"
#include "lua/lua_value.hpp"
#include "lua/orbita_api.hpp"
#include "lua/read_only.hpp"
#include "lua/run_state.hpp"
#include "lua/sandbox_library.hpp"
#include "lua/script_position.hpp"

#include <lua.hpp>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <stdexcept>

namespace orbita::kernel::lua {

/// What run_entry needs; passed as light userdata so run_entry holds no C++ objects.
struct SandboxState::Job {
    SandboxState* self;
    RunState* run;
    const ScriptSource* script;
    const std::string* chunk_key;
    const nlohmann::json* record;
    const nlohmann::json* args;
    int cached_ref;          // LUA_NOREF when the chunk must be compiled
    int new_ref;             // set when run_entry compiled and cached the chunk
    bool compile_failed;
    bool value_failed;
    char value_error[200];
};

namespace {

// Upvalue 1: the sandbox's names. Arguments: (env, key).
int env_index(lua_State* L) {
    if (RunState* run = RunState::of(L)) {
        if (lua_rawgeti(L, LUA_REGISTRYINDEX, run->globals_ref) == LUA_TTABLE) {
            lua_pushvalue(L, 2);
            if (lua_rawget(L, -2) != LUA_TNIL) return 1;
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) return 1;
    if (lua_type(L, 2) == LUA_TSTRING && std::string_view(lua_tostring(L, 2)) == "_G") {
        lua_pushvalue(L, 1);
        return 1;
    }
    return luaL_error(L, "unknown global '%s'", lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?");
}

int env_newindex(lua_State* L) {
    return luaL_error(L, "cannot assign global '%s': globals are read-only in scripts (declare it with local)",
                      lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?");
}

int panic(lua_State* L) {
    // Only reachable by an error outside every protected call, which the runtime never
    // makes; dying loudly beats continuing on a corrupt state.
    spdlog::critical("unprotected Lua error: {}", lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "?");
    std::abort();
}

}  // namespace

int SandboxState::build_entry(lua_State* L) {
    auto* self = static_cast<SandboxState*>(lua_touserdata(L, 1));
    SandboxLibrary::push(L);
    OrbitaApi::push(L);
    lua_setfield(L, -2, "orbita");
    OrbitaApi::push_constants(L);
    lua_setfield(L, -2, "const");
    lua_pushvalue(L, -1);
    self->names_ref_ = luaL_ref(L, LUA_REGISTRYINDEX);

    lua_createtable(L, 0, 3);
    lua_pushvalue(L, -2);
    lua_pushcclosure(L, env_index, 1);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, env_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushliteral(L, "protected");
    lua_setfield(L, -2, "__metatable");
    self->env_meta_ref_ = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

SandboxState::SandboxState() {
    L_ = lua_newstate(MemoryLimiter::allocate, &memory_);
    if (!L_) throw std::runtime_error("cannot create a Lua state");
    memory_.main = L_;
    lua_atpanic(L_, panic);
    lua_pushcfunction(L_, build_entry);
    lua_pushlightuserdata(L_, this);
    if (lua_pcall(L_, 1, 0, 0) != LUA_OK) {
        std::string message = lua_tostring(L_, -1) ? lua_tostring(L_, -1) : "?";
        lua_close(L_);
        throw std::runtime_error("cannot build the Lua sandbox: " + message);
    }
}

SandboxState::~SandboxState() { lua_close(L_); }

int SandboxState::message_handler(lua_State* L) {
    RunState* run = RunState::of(L);
    // The first frame running Lua code: where the failing script was.
    const auto at = ScriptPosition::innermost(L);
    const std::string source = at.chunk;
    const int line = at.line;
    if (!run) return 1;
    if (run->aborted() || BudgetHook::is_abort(L, 1) || BudgetHook::abort_on_overflow(L, 1)) {
        run->locate_abort(source, line);
        return 1;
    }
    RunError error{ErrorKind::Runtime, run->main().id, source, line, ""};
    if (lua_type(L, 1) == LUA_TSTRING) {
        auto p = ErrorPosition::parse(lua_tostring(L, 1), run->main().chunk);
        error.message = std::move(p.message);
        if (p.line > 0) {
            error.chunk = std::move(p.chunk);
            error.line = p.line;
        }
    } else if (lua_type(L, 1) == LUA_TNUMBER) {
        error.message = std::to_string(lua_tonumber(L, 1));
    } else {
        error.message = std::string("(error object is a ") + luaL_typename(L, 1) + " value)";
    }
    run->result().error = std::move(error);
    return 1;
}

int SandboxState::run_entry(lua_State* L) {
    auto* job = static_cast<Job*>(lua_touserdata(L, 1));
    RunState& run = *job->run;
    lua_settop(L, 0);

    lua_newtable(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, job->self->env_meta_ref_);
    lua_setmetatable(L, -2);
    ReadOnlyTable::mark(L, -1);
    run.env_ref = luaL_ref(L, LUA_REGISTRYINDEX);

    lua_createtable(L, 0, 2);
    if (LuaValue::push(L, *job->record) != LUA_OK) return lua_error(L);
    lua_setfield(L, -2, "record");
    if (LuaValue::push(L, *job->args) != LUA_OK) return lua_error(L);
    lua_setfield(L, -2, "args");
    run.globals_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_newtable(L);
    run.modules_ref = luaL_ref(L, LUA_REGISTRYINDEX);

    lua_pushcfunction(L, message_handler);  // index 1
    if (job->cached_ref != LUA_NOREF) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, job->cached_ref);
    } else {
        lua_pushliteral(L, "@");
        lua_pushlstring(L, job->script->chunk.data(), job->script->chunk.size());
        lua_concat(L, 2);
        const int status = luaL_loadbufferx(L, job->script->code.data(), job->script->code.size(), lua_tostring(L, -1), "t");
        lua_remove(L, -2);
        if (status != LUA_OK) {
            job->compile_failed = true;
            return lua_error(L);
        }
        lua_pushvalue(L, -1);
        job->new_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, run.env_ref);
    lua_setupvalue(L, -2, 1);
    if (lua_pcall(L, 0, 1, 1) != LUA_OK) return lua_error(L);
    if (run.context().entry) return EntryCaller::call(L, run, *job->record, 1);
    try {
        run.result().value = LuaValue::to_json(L, -1);
    } catch (const std::exception& e) {
        job->value_failed = true;
        std::snprintf(job->value_error, sizeof job->value_error, "%s", e.what());
    }
    return 0;
}

void SandboxState::execute(RunState& run, const ScriptSource& script, const nlohmann::json& record,
                           const nlohmann::json& args) {
    const std::string key = script.chunk + '\n' + script.code;
    auto cached = chunks_.find(key);
    Job job{this, &run, &script, &key, &record, &args, cached == chunks_.end() ? LUA_NOREF : cached->second,
            LUA_NOREF, false, false, {}};
    memory_.begin_run(&run, run.context().budgets.memory_bytes);
    BudgetHook::arm(L_);
    lua_pushcfunction(L_, run_entry);
    lua_pushlightuserdata(L_, &job);
    const int status = lua_pcall(L_, 1, 0, 0);
    BudgetHook::disarm(L_);
    auto& result = run.result();
    result.memory_peak = memory_.run_peak();
    result.instructions = run.instructions;
    if (job.new_ref != LUA_NOREF) {
        if (chunks_.size() >= kChunkCacheSize) {
            for (const auto& [k, ref] : chunks_) luaL_unref(L_, LUA_REGISTRYINDEX, ref);
            chunks_.clear();
        }
        chunks_.emplace(key, job.new_ref);
    }
    if (run.aborted()) {
        result.ok = false;
        result.error = run.abort_error();
        reusable_ = false;
    } else if (status != LUA_OK) {
        result.ok = false;
        if (job.compile_failed || !result.error) {
            auto p = ErrorPosition::parse(lua_type(L_, -1) == LUA_TSTRING ? lua_tostring(L_, -1) : "error", script.chunk);
            result.error = RunError{job.compile_failed ? ErrorKind::Compile : ErrorKind::Runtime, script.id,
                                    p.chunk.empty() ? script.chunk : p.chunk, p.line, p.message};
        }
        if (status == LUA_ERRMEM && !job.compile_failed) reusable_ = false;
    } else {
        // A chunk may return anything (a module returns functions); only JSON-shaped
        // values are reported.
        if (job.value_failed) run.add_log("warn", std::string("return value not reported: ") + job.value_error, 0);
        result.ok = true;
    }
    end_run(run);
}

void SandboxState::end_run(RunState& run) {
    lua_settop(L_, 0);
    for (int* ref : {&run.env_ref, &run.globals_ref, &run.modules_ref}) {
        luaL_unref(L_, LUA_REGISTRYINDEX, *ref);
        *ref = LUA_NOREF;
    }
    memory_.end_run();
    memory_.run = nullptr;
    // Garbage of this run would otherwise count against the next run's heap and grow
    // the state; a small run leaves little, so collect only past a threshold.
    if (memory_.run_peak() > 4u * 1024 * 1024) lua_gc(L_, LUA_GCCOLLECT);
}

std::optional<RunError> SandboxState::check(const ScriptSource& script) {
    const std::string chunk = "@" + script.chunk;
    const int status = luaL_loadbufferx(L_, script.code.data(), script.code.size(), chunk.c_str(), "t");
    std::optional<RunError> error;
    if (status != LUA_OK) {
        auto p = ErrorPosition::parse(lua_type(L_, -1) == LUA_TSTRING ? lua_tostring(L_, -1) : "error", script.chunk);
        error = RunError{ErrorKind::Compile, script.id, p.chunk.empty() ? script.chunk : p.chunk, p.line, p.message};
    }
    lua_settop(L_, 0);
    return error;
}

}  // namespace orbita::kernel::lua
