// SPDX-License-Identifier: Apache-2.0
// The lua_Alloc of a sandbox: counts the Lua heap and refuses to grow it past the cap.
#pragma once

#include <cstddef>

struct lua_State;

namespace orbita::kernel::lua {

class RunState;

/// Installed as the allocator of each sandbox state (its `ud`). Every byte Lua holds
/// goes through `allocate`, so the count is exact. During a run the cap is the heap
/// size at the start of the run plus the run's memory budget; past it the allocation
/// fails (Lua raises "not enough memory") and the run is marked aborted, so a script
/// that catches the error with pcall is stopped anyway. Outside runs there is no cap:
/// building the sandbox itself must not fail half-way.
class MemoryLimiter {
public:
    /// The lua_Alloc function; `ud` is the MemoryLimiter.
    static void* allocate(void* ud, void* ptr, std::size_t old_size, std::size_t new_size) noexcept;

    /// Starts counting a run: the cap becomes used() + budget.
    void begin_run(RunState* state, std::size_t budget);
    void end_run();
    std::size_t used() const { return used_; }
    /// Highest heap size since begin_run, minus the heap at begin_run.
    std::size_t run_peak() const { return peak_ > base_ ? peak_ - base_ : 0; }

    RunState* run = nullptr;      ///< the run in progress, or nullptr
    lua_State* main = nullptr;    ///< the sandbox's main thread (to re-arm its hook on abort)

private:
    std::size_t used_ = 0;
    std::size_t limit_ = 0;  ///< 0: no cap
    std::size_t base_ = 0;
    std::size_t peak_ = 0;
    std::size_t budget_ = 0;
};

}  // namespace orbita::kernel::lua
