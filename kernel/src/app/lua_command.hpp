// SPDX-License-Identifier: Apache-2.0
// `orbita lua run|check`: scripts from the command line, for administrators and tests.
#pragma once

#include <string>
#include <vector>

namespace orbita::kernel {

class Kernel;

/// Arguments after `lua`, before the kernel is opened: usage errors answer 2 without
/// touching the database.
struct LuaCommand {
    std::string verb;  ///< run or check
    std::string file;
    bool dry_run = false;
    std::string as_login;
    std::string record;  ///< TYPE:ID
    std::string args;    ///< JSON
};

/// Parses the arguments; prints usage and answers false when they are wrong.
bool parse_lua_command(const std::vector<std::string>& args, LuaCommand& out);

/// Runs the command on an opened kernel. `run` prints the RunResult as JSON (logs,
/// effects, error with chunk and line) and answers 0 when the script succeeded, 1 when
/// it failed; `check` prints {"ok": ...}. The run is recorded in the run history.
int run_lua_command(Kernel& kernel, const LuaCommand& command);

}  // namespace orbita::kernel
