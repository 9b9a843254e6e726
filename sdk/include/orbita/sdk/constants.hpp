// SPDX-License-Identifier: Apache-2.0
// Global constants (administrator-edited settings of business processes), read-only.
#pragma once

#include "orbita/sdk/result.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace orbita::sdk {

/// @brief Read access to the global constants, the values administrators set for
/// business processes (seed 003: `BillTheme`, `Clerk`, `LessReminderPeriod`, ...).
///
/// Each constant has a type fixed by its definition; the kernel validates every write,
/// so a value read here always has the JSON shape of its type:
/// string/text: string; number: number; bool: boolean; date: "YYYY-MM-DD";
/// duration: whole seconds (number); user: user id; users: array of user ids;
/// record: {"type": "...", "id": N}; json: any JSON.
///
/// Obtained from PluginContext::constants(); unlike the context it stays valid for the
/// whole life of the process, so keep the reference. Reads see the latest committed
/// value and may be called on any thread.
class Constants {
public:
    virtual ~Constants() = default;

    /// @brief The value of constant `name`; Error "not-found" (404) when there is none.
    virtual Result<nlohmann::json> get(const std::string& name) const = 0;
    /// @brief The type name of constant `name` ("string", "number", ...); Error 404 when none.
    virtual Result<std::string> type_of(const std::string& name) const = 0;

    /// @brief A string or text constant; Error "wrong-type" (422) for other types.
    Result<std::string> string(const std::string& name) const {
        return typed<std::string>(name, [](const nlohmann::json& v) { return v.is_string(); }, "a string");
    }
    /// @brief A number or duration constant (durations in seconds).
    Result<double> number(const std::string& name) const {
        return typed<double>(name, [](const nlohmann::json& v) { return v.is_number(); }, "a number");
    }
    /// @brief A bool constant.
    Result<bool> boolean(const std::string& name) const {
        return typed<bool>(name, [](const nlohmann::json& v) { return v.is_boolean(); }, "a bool");
    }
    /// @brief A user constant: the user id.
    Result<std::int64_t> user(const std::string& name) const {
        return typed<std::int64_t>(name, [](const nlohmann::json& v) { return v.is_number_integer(); }, "a user");
    }

private:
    template <class T, class Check>
    Result<T> typed(const std::string& name, Check check, const char* what) const {
        auto value = get(name);
        if (!value) return value.error();
        if (!check(value.value())) return Error{"wrong-type", "constant " + name + " is not " + what, 422};
        return value.value().template get<T>();
    }
};

}  // namespace orbita::sdk
