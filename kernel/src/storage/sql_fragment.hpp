// SPDX-License-Identifier: Apache-2.0
// Parameterised SQL built from pieces: the only way kernel code assembles SQL.
#pragma once

#include "storage/sql_value.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace orbita::kernel::storage {

/// SQL text in which every `?` is a bound parameter, plus the parameters in order.
/// Identifiers enter only through `Dialect::quote` after schema validation; values
/// only through `bind`, never by concatenation.
class SqlFragment {
public:
    SqlFragment() = default;
    explicit SqlFragment(std::string_view text) : text_(text) {}

    /// Appends trusted SQL text (keywords, quoted identifiers, punctuation).
    SqlFragment& sql(std::string_view text) {
        text_ += text;
        return *this;
    }
    /// Appends one `?` placeholder bound to `value`.
    SqlFragment& bind(SqlValue value) {
        text_ += '?';
        params_.push_back(std::move(value));
        return *this;
    }
    /// Appends another fragment, keeping parameter order.
    SqlFragment& append(const SqlFragment& other) {
        text_ += other.text_;
        params_.insert(params_.end(), other.params_.begin(), other.params_.end());
        return *this;
    }
    bool empty() const { return text_.empty(); }

    const std::string& text() const { return text_; }
    const std::vector<SqlValue>& params() const { return params_; }

    /// The text with `?` rewritten as SOCI's named placeholders `:p1, :p2, ...`;
    /// question marks inside single-quoted literals are left alone.
    std::string soci_text() const;

private:
    std::string text_;
    std::vector<SqlValue> params_;
};

}  // namespace orbita::kernel::storage
