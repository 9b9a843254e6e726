// SPDX-License-Identifier: Apache-2.0
// Running Lua in a test server's runtime.
#pragma once

#include "lua/run_context.hpp"
#include "lua/run_result.hpp"
#include "support/test_server.hpp"

#include <functional>
#include <string>

namespace orbita::test {

/// Chunk name and script id the helpers run code under.
inline constexpr const char* kTestChunk = "tests/script.lua";
inline constexpr const char* kTestScriptId = "test:1";

/// Runs `code` in the server's LuaRuntime as user `login` with the configured budgets;
/// `adjust` may change the context (budgets, record, dry run) before the run.
kernel::lua::RunResult run_lua(TestServer& server, const std::string& code, const std::string& login = "admin",
                               const std::function<void(kernel::lua::RunContext&)>& adjust = {});

/// The error message of a failed run ("" when it succeeded), for assertions.
std::string lua_error(const kernel::lua::RunResult& result);

}  // namespace orbita::test
