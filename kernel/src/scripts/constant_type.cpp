// SPDX-License-Identifier: Apache-2.0
#include "scripts/constant_type.hpp"

#include "core/clock.hpp"

#include <cmath>
#include <set>

namespace orbita::kernel::scripts {

const std::vector<std::string>& ConstantType::names() {
    static const std::vector<std::string> all = {"string", "text", "number", "bool", "date",
                                                 "duration", "user", "users", "record", "json"};
    return all;
}

std::optional<ConstantType> ConstantType::parse(std::string_view name) {
    const auto& all = names();
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i] == name) return ConstantType(static_cast<Kind>(i));
    }
    return std::nullopt;
}

std::string ConstantType::name() const { return names()[static_cast<std::size_t>(kind_)]; }

bool ConstantType::valid_name(std::string_view name) {
    if (name.empty() || name.size() > 64) return false;
    auto latin = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (!latin(name[0])) return false;
    for (char c : name) {
        if (!latin(c) && !(c >= '0' && c <= '9') && c != '_') return false;
    }
    return true;
}

std::optional<std::int64_t> ConstantType::duration_seconds(std::string_view text) {
    if (text.size() < 3 || text[0] != 'P') return std::nullopt;
    std::int64_t total = 0;
    bool in_time = false, any = false;
    std::int64_t number = -1;
    for (std::size_t i = 1; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= '0' && c <= '9') {
            if (number > 1'000'000'000) return std::nullopt;
            number = (number < 0 ? 0 : number * 10) + (c - '0');
            continue;
        }
        if (c == 'T' && !in_time && number < 0) {
            in_time = true;
            continue;
        }
        if (number < 0) return std::nullopt;
        std::int64_t unit = 0;
        if (!in_time && c == 'W') unit = 7 * 86400;
        else if (!in_time && c == 'D') unit = 86400;
        else if (in_time && c == 'H') unit = 3600;
        else if (in_time && c == 'M') unit = 60;
        else if (in_time && c == 'S') unit = 1;
        else return std::nullopt;  // years and months have no fixed length
        total += number * unit;
        number = -1;
        any = true;
    }
    if (!any || number >= 0) return std::nullopt;
    return total;
}

std::optional<std::string> ConstantType::problem(const nlohmann::json& v) const {
    auto positive_id = [](const nlohmann::json& x) { return x.is_number_integer() && x.get<std::int64_t>() > 0; };
    switch (kind_) {
        case Kind::String:
            if (!v.is_string() || v.get_ref<const std::string&>().find_first_of("\r\n") != std::string::npos ||
                v.get_ref<const std::string&>().size() > 1000)
                return "expected one line of text (a JSON string without line breaks, at most 1000 characters)";
            return std::nullopt;
        case Kind::Text:
            if (!v.is_string() || v.get_ref<const std::string&>().size() > 100'000)
                return "expected text (a JSON string of at most 100,000 characters)";
            return std::nullopt;
        case Kind::Number:
            if (!v.is_number() || !std::isfinite(v.get<double>())) return "expected a number";
            return std::nullopt;
        case Kind::Bool:
            if (!v.is_boolean()) return "expected true or false";
            return std::nullopt;
        case Kind::Date:
            if (!v.is_string() || !is_valid_iso_date(v.get_ref<const std::string&>())) return "expected a date \"YYYY-MM-DD\"";
            return std::nullopt;
        case Kind::Duration:
            if (!v.is_string() || !duration_seconds(v.get_ref<const std::string&>()))
                return "expected an ISO 8601 duration in weeks, days, hours, minutes or seconds (\"P14D\", \"PT2H30M\")";
            return std::nullopt;
        case Kind::User:
            if (!positive_id(v)) return "expected a user id (a positive integer)";
            return std::nullopt;
        case Kind::Users: {
            if (!v.is_array()) return "expected an array of user ids";
            std::set<std::int64_t> seen;
            for (const auto& x : v) {
                if (!positive_id(x)) return "expected an array of user ids (positive integers)";
                if (!seen.insert(x.get<std::int64_t>()).second) return "user ids must not repeat";
            }
            return std::nullopt;
        }
        case Kind::Record:
            if (!v.is_object() || v.size() != 2 || !v.contains("type") || !v["type"].is_string() || !v.contains("id") ||
                !positive_id(v["id"]))
                return "expected a record reference {\"type\": \"...\", \"id\": N}";
            return std::nullopt;
        case Kind::Json: return std::nullopt;
    }
    return std::nullopt;
}

nlohmann::json ConstantType::exposed(const nlohmann::json& value) const {
    if (kind_ == Kind::Duration && value.is_string()) {
        if (auto s = duration_seconds(value.get_ref<const std::string&>())) return *s;
    }
    return value;
}

}  // namespace orbita::kernel::scripts
