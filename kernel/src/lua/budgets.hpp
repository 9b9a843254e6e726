// SPDX-License-Identifier: Apache-2.0
// Limits of one Lua run (config section `lua`).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace orbita::kernel::lua {

/// What one run of a script may consume. Scripts are written by administrators and
/// plugin authors, not by us, so each limit is enforced by the runtime rather than
/// trusted: instructions and wall time by a count hook, memory by the allocator, call
/// depth by a call hook. Exceeding any of them aborts the run and rolls it back.
struct Budgets {
    std::int64_t instructions = 20'000'000;                  ///< VM instructions, coroutines included
    std::size_t memory_bytes = 32u * 1024 * 1024;            ///< Lua heap of the run
    std::chrono::milliseconds time{1000};                    ///< wall time of the run
    int call_depth = 200;                                    ///< nested Lua calls
};

}  // namespace orbita::kernel::lua
