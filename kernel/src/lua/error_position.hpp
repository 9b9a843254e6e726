// SPDX-License-Identifier: Apache-2.0
// Splits Lua error messages ("chunk:12: message") into chunk, line and message.
#pragma once

#include <string>
#include <string_view>

namespace orbita::kernel::lua {

/// Where a Lua error message says it happened.
struct ErrorPosition {
    std::string chunk;  ///< empty when the message carries no position
    int line = 0;
    std::string message;

    /// Parses "chunk:line: message" (the form luaL_error, error() and the compiler
    /// use). `main_chunk` repairs chunk names Lua shortened to "...tail".
    static ErrorPosition parse(std::string_view text, std::string_view main_chunk);
};

}  // namespace orbita::kernel::lua
