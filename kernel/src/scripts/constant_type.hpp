// SPDX-License-Identifier: Apache-2.0
// The types of global constants and what a value of each looks like.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orbita::kernel::scripts {

/// One of the constant types of architecture §2.7 (seed 003 §4.12 lists String, Text,
/// Number and User binding; the rest cover the reference automation's needs). Values
/// are stored as JSON:
///   string    one line of text (at most 1000 characters)
///   text      any text (at most 100,000 characters)
///   number    a finite number
///   bool      true or false
///   date      "YYYY-MM-DD"
///   duration  ISO 8601 without months and years: "P14D", "PT2H30M", "P1W" (scripts
///             and the SDK read it as whole seconds, since months have no fixed length)
///   user      a user id
///   users     an array of distinct user ids
///   record    {"type": "deal", "id": 7}
///   json      any JSON
/// Any constant may also be null: not set yet (seed 003 constants are optional).
/// This class checks shape only; whether users and records exist is checked by
/// ConstantStore against the database.
class ConstantType {
public:
    enum class Kind { String, Text, Number, Bool, Date, Duration, User, Users, Record, Json };

    /// The type named `name`, or nullopt.
    static std::optional<ConstantType> parse(std::string_view name);
    /// Every type name, for messages and the API.
    static const std::vector<std::string>& names();
    /// True for a valid constant name: a Latin letter, then letters, digits or '_' (at most 64).
    static bool valid_name(std::string_view name);

    Kind kind() const { return kind_; }
    std::string name() const;
    /// Why `value` is not of this type ("expected ..."), or nullopt when it is.
    std::optional<std::string> problem(const nlohmann::json& value) const;
    /// The value as scripts and the SDK read it (durations in seconds, others as stored).
    nlohmann::json exposed(const nlohmann::json& value) const;
    /// Seconds of an ISO 8601 duration ("P1DT2H" -> 93600), or nullopt.
    static std::optional<std::int64_t> duration_seconds(std::string_view text);

private:
    explicit ConstantType(Kind kind) : kind_(kind) {}
    Kind kind_;
};

}  // namespace orbita::kernel::scripts
