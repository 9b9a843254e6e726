// SPDX-License-Identifier: Apache-2.0
// Reading the arguments of an `orbita` extension function, with precise messages.
#pragma once

#include "core/clock.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace orbita::kernel {
class Problem;
}

namespace orbita::kernel::lua {

/// The Lua arguments of an extension call (a JSON array, nil as null) and the name
/// the script called, so every complaint reads "orbita.calendar.add_working: argument
/// #1 must be ...". Errors are std::invalid_argument; the binding adds the script line.
class ExtensionArgs {
public:
    ExtensionArgs(std::string function, const nlohmann::json& args) : function_(std::move(function)), args_(args) {}

    /// Argument `n` (from 1), null when absent.
    const nlohmann::json& at(int n) const;
    bool present(int n) const { return !at(n).is_null(); }
    std::string string(int n, const char* what) const;
    std::int64_t integer(int n, const char* what) const;
    double number(int n, const char* what) const;
    /// An ISO 8601 date-time with a zone ("2025-03-14T09:00:00Z", orbita.now()).
    TimePoint time(int n) const;
    /// A table with named keys; an empty object when absent. Keys other than
    /// `allowed` (comma-separated) are refused, so a misspelt option is not ignored.
    nlohmann::json options(int n, const std::string& allowed) const;
    /// Fails with "<function>: <message>".
    [[noreturn]] void fail(const std::string& message) const;
    /// Fails with the messages of `problem`'s field errors (its detail when it has none).
    [[noreturn]] void fail(const Problem& problem) const;
    const std::string& function() const { return function_; }

private:
    [[noreturn]] void expected(int n, const char* what) const;

    std::string function_;
    const nlohmann::json& args_;
};

}  // namespace orbita::kernel::lua
