// SPDX-License-Identifier: Apache-2.0
// Converts field values between API JSON and stored columns, validating on the way in.
#pragma once

#include "core/problem.hpp"
#include "entity/field_def.hpp"
#include "entity/phone_normalizer.hpp"
#include "storage/sql_value.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace orbita::kernel::entity {

/// A validated input value: one SqlValue per column of the field (see columns_of), or
/// the linked ids of a many-valued field. `null` clears the field.
struct DecodedValue {
    std::vector<storage::SqlValue> columns;
    std::vector<std::int64_t> links;
    bool is_null = false;
};

/// Stateless apart from phone normalisation; shared by the repository, filters and
/// the entity parser (defaults). All checks that need no database live here.
class ValueCodec {
public:
    explicit ValueCodec(const PhoneNormalizer& phones) : phones_(phones) {}

    /// Validates `input` for `field`. On failure appends errors under `path` and
    /// returns empty. Never accepts a value for an `autonumber` (the server assigns it).
    std::optional<DecodedValue> decode(const FieldDef& field, const nlohmann::json& input, const std::string& path,
                                       std::vector<FieldError>& errors) const;

    /// The API value of a field stored in `row[first_column ...]`.
    nlohmann::json encode(const FieldDef& field, const std::vector<storage::SqlValue>& row,
                          std::size_t first_column) const;

    /// Normalises a phone number or returns empty.
    std::optional<std::string> phone_e164(std::string_view text) const { return phones_.to_e164(text); }

private:
    const PhoneNormalizer& phones_;
};

/// Digits after the point of an ISO 4217 currency (2 unless listed otherwise).
int currency_exponent(const std::string& currency);
/// Parses "-12.5" / 12.5 into an integer scaled by 10^scale; empty when the value
/// has more decimals than `scale` or does not fit in 64 bits. `error` says which.
std::optional<std::int64_t> parse_scaled(const nlohmann::json& value, int scale, std::string& error);
/// 10^n for small n.
std::int64_t pow10(int n);
/// Number of Unicode code points in UTF-8 text.
std::size_t utf8_length(std::string_view text);

}  // namespace orbita::kernel::entity
