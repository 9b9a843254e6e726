// SPDX-License-Identifier: Apache-2.0
#include "entity/value_codec.hpp"

#include "core/clock.hpp"
#include "core/nearest_name.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <regex>
#include <set>

namespace orbita::kernel::entity {

using storage::SqlValue;

int currency_exponent(const std::string& currency) {
    static const std::map<std::string, int> exponents = {
        {"JPY", 0}, {"KRW", 0}, {"VND", 0}, {"CLP", 0}, {"ISK", 0}, {"UGX", 0}, {"PYG", 0},
        {"BHD", 3}, {"KWD", 3}, {"OMR", 3}, {"JOD", 3}, {"TND", 3}, {"LYD", 3}, {"IQD", 3},
    };
    auto it = exponents.find(currency);
    return it == exponents.end() ? 2 : it->second;
}

std::int64_t pow10(int n) {
    std::int64_t v = 1;
    for (int i = 0; i < n; ++i) v *= 10;
    return v;
}

std::size_t utf8_length(std::string_view text) {
    std::size_t n = 0;
    for (unsigned char c : text) {
        if ((c & 0xC0) != 0x80) ++n;
    }
    return n;
}

std::optional<std::int64_t> parse_scaled(const nlohmann::json& value, int scale, std::string& error) {
    std::string text;
    if (value.is_number_integer() || value.is_number_unsigned()) {
        text = value.dump();
    } else if (value.is_number_float()) {
        text = value.dump();  // shortest round-trip form: 12.34 stays "12.34"
    } else if (value.is_string()) {
        text = value.get<std::string>();
    } else {
        error = "must be a number";
        return std::nullopt;
    }
    static const std::regex plain(R"(^(-)?(\d{1,19})(?:\.(\d+))?$)");
    std::smatch m;
    if (!std::regex_match(text, m, plain)) {
        error = value.is_string() ? "must be a decimal number like 1234.50" : "is out of range";
        return std::nullopt;
    }
    std::string fraction = m[3].matched ? m.str(3) : "";
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    if (static_cast<int>(fraction.size()) > scale) {
        error = "has more than " + std::to_string(scale) + " digits after the point";
        return std::nullopt;
    }
    while (static_cast<int>(fraction.size()) < scale) fraction += '0';
    const std::string digits = m.str(2) + fraction;
    std::int64_t result = 0;
    for (char c : digits) {
        if (result > (std::numeric_limits<std::int64_t>::max() - (c - '0')) / 10) {
            error = "is too large";
            return std::nullopt;
        }
        result = result * 10 + (c - '0');
    }
    return m[1].matched ? -result : result;
}

namespace {

std::string type_name(const nlohmann::json& v) {
    if (v.is_number()) return "a number";
    if (v.is_string()) return "a string";
    if (v.is_boolean()) return "a boolean";
    if (v.is_array()) return "an array";
    if (v.is_object()) return "an object";
    return "null";
}

bool has_forbidden_control(std::string_view s, bool multiline) {
    for (unsigned char c : s) {
        if (c >= 0x20) continue;
        if (multiline && (c == '\n' || c == '\r' || c == '\t')) continue;
        return true;
    }
    return false;
}

// A limit as the declaration wrote it: "5", not "5.0", for whole numbers.
std::string limit_text(double limit) {
    if (std::floor(limit) == limit && std::fabs(limit) < 1e15) return std::to_string(static_cast<std::int64_t>(limit));
    return nlohmann::json(limit).dump();
}

bool check_range(const FieldDef& f, double v, const std::string& path, std::vector<FieldError>& errors) {
    if (f.minimum && v < *f.minimum) {
        errors.push_back({path, "out_of_range", "must be at least " + limit_text(*f.minimum)});
        return false;
    }
    if (f.maximum && v > *f.maximum) {
        errors.push_back({path, "out_of_range", "must be at most " + limit_text(*f.maximum)});
        return false;
    }
    return true;
}

std::optional<std::vector<std::int64_t>> decode_id_list(const nlohmann::json& input, const std::string& path,
                                                        std::vector<FieldError>& errors) {
    if (!input.is_array()) {
        errors.push_back({path, "wrong_type", "must be an array of record ids, not " + type_name(input)});
        return std::nullopt;
    }
    if (input.size() > 1000) {
        errors.push_back({path, "too_many", "may hold at most 1000 ids"});
        return std::nullopt;
    }
    std::vector<std::int64_t> ids;
    std::set<std::int64_t> seen;
    for (std::size_t i = 0; i < input.size(); ++i) {
        const auto& v = input[i];
        if (!v.is_number_integer() || v.get<std::int64_t>() <= 0) {
            errors.push_back({path + "[" + std::to_string(i) + "]", "wrong_type", "must be a positive record id"});
            return std::nullopt;
        }
        if (seen.insert(v.get<std::int64_t>()).second) ids.push_back(v.get<std::int64_t>());
    }
    return ids;
}

}  // namespace

std::optional<DecodedValue> ValueCodec::decode(const FieldDef& f, const nlohmann::json& input, const std::string& path,
                                               std::vector<FieldError>& errors) const {
    DecodedValue out;
    const std::size_t column_count = columns_of(f.name, f.type).size();
    if (input.is_null()) {
        out.is_null = true;
        out.columns.assign(column_count, SqlValue{});
        return out;
    }
    auto fail = [&](std::string code, std::string message) -> std::optional<DecodedValue> {
        errors.push_back({path, std::move(code), std::move(message)});
        return std::nullopt;
    };
    auto wrong = [&](const char* expected) {
        return fail("wrong_type", std::string("must be ") + expected + ", not " + type_name(input));
    };

    switch (f.type) {
        case FieldType::String:
        case FieldType::Text: {
            if (!input.is_string()) return wrong("a string");
            const auto& s = input.get_ref<const std::string&>();
            const bool multiline = f.type == FieldType::Text;
            const std::int64_t limit = f.max_length.value_or(multiline ? 100000 : 255);
            if (static_cast<std::int64_t>(utf8_length(s)) > limit)
                return fail("too_long", "must be at most " + std::to_string(limit) + " characters");
            if (has_forbidden_control(s, multiline)) return fail("invalid_characters", "contains control characters");
            out.columns.emplace_back(s);
            return out;
        }
        case FieldType::Int: {
            if (!input.is_number_integer()) return wrong("an integer");
            if (input.is_number_unsigned() && input.get<std::uint64_t>() > 9007199254740991ULL)
                return fail("out_of_range", "is too large");
            auto v = input.get<std::int64_t>();
            if (!check_range(f, static_cast<double>(v), path, errors)) return std::nullopt;
            out.columns.emplace_back(v);
            return out;
        }
        case FieldType::Decimal: {
            std::string error;
            auto scaled = parse_scaled(input, f.scale, error);
            if (!scaled) return fail("invalid_number", error);
            if (!check_range(f, static_cast<double>(*scaled) / static_cast<double>(pow10(f.scale)), path, errors))
                return std::nullopt;
            out.columns.emplace_back(*scaled);
            return out;
        }
        case FieldType::Money: {
            nlohmann::json amount = input;
            std::string currency = f.currency;
            if (input.is_object()) {
                for (const auto& [k, v] : input.items()) {
                    if (k != "amount" && k != "currency")
                        return fail("unknown_key", "money has only 'amount' and 'currency', not '" + k + "'");
                }
                if (!input.contains("amount")) return fail("required", "money needs an 'amount'");
                amount = input["amount"];
                if (input.contains("currency")) {
                    static const std::regex iso(R"(^[A-Z]{3}$)");
                    if (!input["currency"].is_string() || !std::regex_match(input["currency"].get<std::string>(), iso))
                        return fail("invalid_currency", "currency must be an ISO 4217 code like RUB");
                    currency = input["currency"].get<std::string>();
                }
            }
            std::string error;
            auto minor = parse_scaled(amount, currency_exponent(currency), error);
            if (!minor) return fail("invalid_amount", "amount " + error);
            const double major = static_cast<double>(*minor) / static_cast<double>(pow10(currency_exponent(currency)));
            if (!check_range(f, major, path, errors)) return std::nullopt;
            out.columns.emplace_back(*minor);
            out.columns.emplace_back(currency);
            return out;
        }
        case FieldType::Bool:
            if (!input.is_boolean()) return wrong("true or false");
            out.columns.emplace_back(static_cast<std::int64_t>(input.get<bool>() ? 1 : 0));
            return out;
        case FieldType::Date:
            if (!input.is_string() || !is_valid_iso_date(input.get<std::string>()))
                return fail("invalid_date", "must be a date written YYYY-MM-DD");
            out.columns.emplace_back(input.get<std::string>());
            return out;
        case FieldType::DateTime: {
            if (!input.is_string()) return wrong("an ISO 8601 date-time string");
            auto t = parse_iso_datetime(input.get<std::string>());
            if (!t) return fail("invalid_datetime", "must be an ISO 8601 date-time with a zone, e.g. 2024-03-15T09:30:00Z");
            out.columns.emplace_back(format_utc(*t));
            return out;
        }
        case FieldType::Time: {
            auto t = input.is_string() ? normalize_time_of_day(input.get<std::string>()) : std::nullopt;
            if (!t) return fail("invalid_time", "must be a time of day written HH:MM or HH:MM:SS");
            out.columns.emplace_back(*t);
            return out;
        }
        case FieldType::Duration: {
            if (!input.is_number_integer() || input.get<std::int64_t>() < 0)
                return fail("invalid_duration", "must be a whole non-negative number of seconds");
            auto v = input.get<std::int64_t>();
            if (!check_range(f, static_cast<double>(v), path, errors)) return std::nullopt;
            out.columns.emplace_back(v);
            return out;
        }
        case FieldType::Enum: {
            if (!input.is_string()) return wrong("one of the listed values");
            const auto& v = input.get_ref<const std::string&>();
            if (!f.enum_value(v)) {
                std::vector<std::string> allowed;
                for (const auto& e : f.values) allowed.push_back(e.value);
                std::string list;
                for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
                return fail("invalid_choice", "'" + v + "' is not one of: " + list + did_you_mean(v, allowed));
            }
            out.columns.emplace_back(v);
            return out;
        }
        case FieldType::Ref:
        case FieldType::User:
        case FieldType::File:
            if (!input.is_number_integer() || input.get<std::int64_t>() <= 0) return wrong("a positive record id");
            out.columns.emplace_back(input.get<std::int64_t>());
            return out;
        case FieldType::Refs:
        case FieldType::Files: {
            auto ids = decode_id_list(input, path, errors);
            if (!ids) return std::nullopt;
            out.links = std::move(*ids);
            return out;
        }
        case FieldType::Phone: {
            std::string raw;
            if (input.is_string()) {
                raw = input.get<std::string>();
            } else if (input.is_object() && input.contains("raw") && input["raw"].is_string()) {
                raw = input["raw"].get<std::string>();
            } else if (input.is_object() && input.contains("e164") && input["e164"].is_string()) {
                raw = input["e164"].get<std::string>();
            } else {
                return wrong("a phone number string");
            }
            auto e164 = phones_.to_e164(raw);
            if (!e164) return fail("invalid_phone", "'" + raw.substr(0, 64) + "' is not a phone number");
            out.columns.emplace_back(*e164);
            out.columns.emplace_back(raw);
            return out;
        }
        case FieldType::Email: {
            static const std::regex email(R"(^[^@\s]+@[^@\s]+\.[^@\s.]+$)");
            if (!input.is_string()) return wrong("an e-mail address");
            std::string v = input.get<std::string>();
            if (v.size() > 254 || !std::regex_match(v, email))
                return fail("invalid_email", "'" + v.substr(0, 64) + "' is not an e-mail address");
            for (auto& c : v) {
                if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            }
            out.columns.emplace_back(v);
            return out;
        }
        case FieldType::Json: {
            std::string dumped = input.dump();
            if (dumped.size() > 262144) return fail("too_long", "JSON value is larger than 256 KiB");
            out.columns.emplace_back(std::move(dumped));
            return out;
        }
        case FieldType::Autonumber:
            if (!input.is_string()) return wrong("a string");
            out.columns.emplace_back(input.get<std::string>());
            return out;
    }
    return wrong("a supported value");
}

nlohmann::json ValueCodec::encode(const FieldDef& f, const std::vector<SqlValue>& row, std::size_t first) const {
    const SqlValue& v = row[first];
    if (storage::is_null(v)) return nullptr;
    switch (f.type) {
        case FieldType::Int:
        case FieldType::Duration:
        case FieldType::Ref:
        case FieldType::User:
        case FieldType::File: return *storage::as_int(v);
        case FieldType::Bool: return *storage::as_int(v) != 0;
        case FieldType::Decimal:
            return static_cast<double>(*storage::as_int(v)) / static_cast<double>(pow10(f.scale));
        case FieldType::Money: {
            std::string currency = storage::as_text(row[first + 1]).value_or(f.currency);
            double amount =
                static_cast<double>(*storage::as_int(v)) / static_cast<double>(pow10(currency_exponent(currency)));
            return {{"amount", amount}, {"currency", currency}};
        }
        case FieldType::Phone:
            return {{"e164", *storage::as_text(v)}, {"raw", storage::as_text(row[first + 1]).value_or("")}};
        case FieldType::Json: {
            auto parsed = nlohmann::json::parse(*storage::as_text(v), nullptr, false);
            return parsed.is_discarded() ? nlohmann::json(*storage::as_text(v)) : parsed;
        }
        default: return *storage::as_text(v);
    }
}

}  // namespace orbita::kernel::entity
