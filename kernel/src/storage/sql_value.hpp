// SPDX-License-Identifier: Apache-2.0
// A value bound to or read from SQL: null, 64-bit integer, double or text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

namespace orbita::kernel::storage {

/// Everything the kernel stores maps onto these four shapes: booleans are integers,
/// dates and times are ISO text, money is integer minor units.
using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string>;

inline bool is_null(const SqlValue& v) { return std::holds_alternative<std::monostate>(v); }

/// The integer in `v`, converting a double or numeric text; empty when null.
std::optional<std::int64_t> as_int(const SqlValue& v);
/// The number in `v` as a double; empty when null.
std::optional<double> as_double(const SqlValue& v);
/// The text in `v` (numbers are formatted); empty when null.
std::optional<std::string> as_text(const SqlValue& v);

}  // namespace orbita::kernel::storage
