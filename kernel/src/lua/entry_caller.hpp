// SPDX-License-Identifier: Apache-2.0
// Calling one function of the table a chunk returned (RunContext::entry).
#pragma once

#include <nlohmann/json.hpp>

struct lua_State;

namespace orbita::kernel::lua {

class RunState;

/// The Lua side of EntryCall. Runs inside the sandbox's protected run, right after
/// the chunk returned, and follows its rules: no C++ object with a destructor is alive
/// when it raises a Lua error.
class EntryCaller {
public:
    /// With the chunk's value on top of the stack and the message handler at index
    /// `handler`: calls the entry function, fills run.result().value and entry_state.
    /// Raises a Lua error when the chunk returned no such function, the call failed,
    /// or what it returned or left in a read-back field is not data.
    static int call(lua_State* L, RunState& run, const nlohmann::json& record, int handler);

private:
    static int helper(lua_State* L);
};

}  // namespace orbita::kernel::lua
