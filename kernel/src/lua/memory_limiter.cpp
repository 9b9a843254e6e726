// SPDX-License-Identifier: Apache-2.0
#include "lua/memory_limiter.hpp"

#include "lua/budget_hook.hpp"
#include "lua/run_state.hpp"
#include "lua/script_position.hpp"

#include <cstdlib>
#include <string>

namespace orbita::kernel::lua {

void* MemoryLimiter::allocate(void* ud, void* ptr, std::size_t old_size, std::size_t new_size) noexcept {
    auto* self = static_cast<MemoryLimiter*>(ud);
    // For a new block Lua passes the object kind in old_size, not a size.
    const std::size_t old_bytes = ptr ? old_size : 0;
    if (new_size == 0) {
        std::free(ptr);
        self->used_ -= old_bytes;
        return nullptr;
    }
    if (new_size > old_bytes && self->limit_ != 0) {
        const bool over = self->used_ - old_bytes + new_size > self->limit_;
        if (over || (self->run && self->run->aborted())) {
            if (self->run && !self->run->aborted()) {
                // Lua raises memory errors without calling the message handler, so the
                // position is taken here: reading the main thread's stack allocates nothing.
                const auto at = self->main ? ScriptPosition::innermost(self->main) : ScriptPosition{};
                self->run->abort("memory limit exceeded (" + std::to_string(self->budget_ / (1024 * 1024)) +
                                     " MiB of Lua heap per run)",
                                 at.chunk, at.line);
                // A script may catch "not enough memory" with pcall; from now on every
                // instruction raises the abort instead.
                if (self->main) BudgetHook::arm_every_instruction(self->main);
            }
            return nullptr;
        }
    }
    void* block = std::realloc(ptr, new_size);
    if (!block) return nullptr;
    self->used_ = self->used_ - old_bytes + new_size;
    if (self->used_ > self->peak_) self->peak_ = self->used_;
    return block;
}

void MemoryLimiter::begin_run(RunState* state, std::size_t budget) {
    run = state;
    base_ = peak_ = used_;
    budget_ = budget;
    limit_ = used_ + budget;
}

void MemoryLimiter::end_run() {
    run = nullptr;
    limit_ = 0;
}

}  // namespace orbita::kernel::lua
