// SPDX-License-Identifier: Apache-2.0
// Result<T>: a value or an expected failure, for calls that can fail in normal operation.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace orbita::sdk {

/// @brief An expected failure: a stable machine `code` ("not-found", "invalid-input",
/// "forbidden", "conflict", "config", or a plugin's own), an English `message` for
/// operators, and the HTTP `status` it maps to when it reaches an API caller.
struct Error {
    std::string code;
    std::string message;
    int status = 400;
};

/// @brief Either a value or an Error. Returned wherever failure is part of normal
/// operation (a record that does not exist, input that does not validate, a plugin
/// that cannot initialize); exceptions remain for bugs, and the kernel catches them at
/// the boundary. Check `ok()` before `value()`; `value()` on an error throws
/// std::logic_error naming the error.
template <class T>
class [[nodiscard]] Result {
public:
    /// @brief A successful result holding `value`.
    Result(T value) : state_(std::move(value)) {}
    /// @brief A failed result holding `error`.
    Result(Error error) : state_(std::move(error)) {}

    /// @brief True when a value is held.
    bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }
    /// @brief The value; throws std::logic_error when the result is an error.
    const T& value() const& {
        if (!ok()) throw std::logic_error("Result holds an error: " + error().message);
        return std::get<T>(state_);
    }
    /// @brief Moves the value out; throws std::logic_error when the result is an error.
    T&& value() && {
        if (!ok()) throw std::logic_error("Result holds an error: " + error().message);
        return std::get<T>(std::move(state_));
    }
    /// @brief The error; only meaningful when `ok()` is false.
    const Error& error() const { return std::get<Error>(state_); }

private:
    std::variant<T, Error> state_;
};

/// @brief A result without a value: success or an Error.
template <>
class [[nodiscard]] Result<void> {
public:
    /// @brief Success.
    Result() = default;
    /// @brief A failed result holding `error`.
    Result(Error error) : error_(std::move(error)) {}

    /// @brief True on success.
    bool ok() const { return !error_.has_value(); }
    explicit operator bool() const { return ok(); }
    /// @brief The error; only meaningful when `ok()` is false.
    const Error& error() const { return *error_; }

private:
    std::optional<Error> error_;
};

/// @brief Shorthand for a failed result: `return sdk::fail("invalid-input", "url is empty");`.
inline Error fail(std::string code, std::string message, int status = 400) {
    return Error{std::move(code), std::move(message), status};
}

}  // namespace orbita::sdk
