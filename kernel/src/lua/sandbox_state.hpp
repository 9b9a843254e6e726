// SPDX-License-Identifier: Apache-2.0
// One prepared Lua state, reused run after run with a fresh set of globals each time.
#pragma once

#include "lua/memory_limiter.hpp"
#include "lua/run_context.hpp"
#include "lua/run_result.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <unordered_map>

struct lua_State;

namespace orbita::kernel::lua {

class RunState;

/// A lua_State with the sandbox library and the `orbita` API built once (building them
/// is most of the cost of a small run). Each run gets a new globals table (`_ENV`)
/// whose metatable resolves the shared names and refuses unknown ones; everything
/// shared is a read-only proxy, finalisers are refused, and nothing else a script can
/// reach outlives its run, so one run cannot leave anything behind for the next (see
/// the README for the argument). A state whose run was aborted is not reused.
///
/// Compiled chunks are cached per state by chunk name and source text.
class SandboxState {
public:
    SandboxState();
    ~SandboxState();
    SandboxState(const SandboxState&) = delete;
    SandboxState& operator=(const SandboxState&) = delete;

    /// Runs `script` for `run` and fills run.result(): ok and value, or error. `record`
    /// and `args` become the globals `record` and `args` (null: nil).
    void execute(RunState& run, const ScriptSource& script, const nlohmann::json& record, const nlohmann::json& args);
    /// Compiles `script` without running it: the compile error, or nullopt.
    std::optional<RunError> check(const ScriptSource& script);
    /// False once a run was aborted: the state may hold half-built data.
    bool reusable() const { return reusable_; }

    /// Chunks kept compiled per state.
    static constexpr std::size_t kChunkCacheSize = 64;

private:
    struct Job;
    static int build_entry(lua_State* L);
    static int run_entry(lua_State* L);
    static int message_handler(lua_State* L);
    void end_run(RunState& run);

    MemoryLimiter memory_;
    lua_State* L_ = nullptr;
    int names_ref_ = -2;   // the sandbox's global names (SandboxLibrary + orbita + const)
    int env_meta_ref_ = -2;
    std::unordered_map<std::string, int> chunks_;
    bool reusable_ = true;
};

}  // namespace orbita::kernel::lua
