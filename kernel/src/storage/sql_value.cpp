// SPDX-License-Identifier: Apache-2.0
#include "storage/sql_value.hpp"

#include <cmath>
#include <cstdlib>

namespace orbita::kernel::storage {

std::optional<std::int64_t> as_int(const SqlValue& v) {
    if (auto i = std::get_if<std::int64_t>(&v)) return *i;
    if (auto d = std::get_if<double>(&v)) return static_cast<std::int64_t>(std::llround(*d));
    if (auto s = std::get_if<std::string>(&v)) return std::strtoll(s->c_str(), nullptr, 10);
    return std::nullopt;
}

std::optional<double> as_double(const SqlValue& v) {
    if (auto i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    if (auto d = std::get_if<double>(&v)) return *d;
    if (auto s = std::get_if<std::string>(&v)) return std::strtod(s->c_str(), nullptr);
    return std::nullopt;
}

std::optional<std::string> as_text(const SqlValue& v) {
    if (auto s = std::get_if<std::string>(&v)) return *s;
    if (auto i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    if (auto d = std::get_if<double>(&v)) return std::to_string(*d);
    return std::nullopt;
}

}  // namespace orbita::kernel::storage
