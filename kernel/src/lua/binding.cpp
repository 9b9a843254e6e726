// SPDX-License-Identifier: Apache-2.0
#include "lua/binding.hpp"

#include "core/problem.hpp"

#include <exception>

namespace orbita::kernel::lua {

std::string describe_current_exception() {
    try {
        throw;
    } catch (const Problem& p) {
        std::string message = p.detail();
        for (const auto& e : p.errors()) message += "; " + e.field + ": " + e.message;
        return message;
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "unknown error";
    }
}

void raise_error(lua_State* L, const char* message) {
    luaL_error(L, "%s", message);
    __builtin_unreachable();
}

}  // namespace orbita::kernel::lua
