// SPDX-License-Identifier: Apache-2.0
#include "lua/run_state.hpp"

#include "lua/memory_limiter.hpp"

#include <lua.hpp>

namespace orbita::kernel::lua {

RunState::RunState(const RunContext& context, const RuntimeServices& services, const ScriptSource& main)
    : context_(context), services_(services), main_(main),
      deadline_(std::chrono::steady_clock::now() + context.budgets.time) {}

RunState* RunState::of(lua_State* L) {
    void* ud = nullptr;
    lua_getallocf(L, &ud);
    return static_cast<MemoryLimiter*>(ud)->run;
}

void RunState::add_log(const std::string& level, std::string message, int line) {
    if (result_.logs.size() >= kMaxLogs) {
        if (!logs_truncated_) {
            logs_truncated_ = true;
            result_.logs.push_back({"warn", "log limit reached: further lines dropped", line});
        }
        return;
    }
    if (message.size() > kMaxLogBytes) {
        message.resize(kMaxLogBytes);
        message += "... (truncated)";
    }
    result_.logs.push_back({level, std::move(message), line});
}

void RunState::add_effect(nlohmann::json effect) {
    if (result_.effects.size() < kMaxEffects) result_.effects.push_back(std::move(effect));
}

void RunState::abort(std::string message, std::string chunk, int line) {
    if (abort_) return;
    abort_ = RunError{ErrorKind::Budget, main_.id, std::move(chunk), line, std::move(message)};
}

void RunState::locate_abort(std::string chunk, int line) {
    if (!abort_ || abort_->line > 0) return;
    abort_->chunk = std::move(chunk);
    abort_->line = line;
}

}  // namespace orbita::kernel::lua
