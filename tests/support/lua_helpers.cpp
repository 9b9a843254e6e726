// SPDX-License-Identifier: Apache-2.0
#include "support/lua_helpers.hpp"

#include "lua/lua_runtime.hpp"
#include "scripts/script_service.hpp"

namespace orbita::test {

kernel::lua::RunResult run_lua(TestServer& server, const std::string& code, const std::string& login,
                               const std::function<void(kernel::lua::RunContext&)>& adjust) {
    auto& k = server.kernel();
    kernel::lua::RunContext context{k.scripts().actor_for(login), k.lua().default_budgets(), std::nullopt, nullptr, false, {}};
    if (adjust) adjust(context);
    return k.lua().run({kTestScriptId, kTestChunk, code}, context);
}

std::string lua_error(const kernel::lua::RunResult& result) { return result.error ? result.error->message : ""; }

}  // namespace orbita::test
