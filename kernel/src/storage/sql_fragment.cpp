// SPDX-License-Identifier: Apache-2.0
#include "storage/sql_fragment.hpp"

namespace orbita::kernel::storage {

std::string SqlFragment::soci_text() const {
    std::string out;
    out.reserve(text_.size() + params_.size() * 3);
    bool quoted = false;
    int n = 0;
    for (char c : text_) {
        if (c == '\'') quoted = !quoted;
        if (c == '?' && !quoted) {
            out += ":p";
            out += std::to_string(++n);
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace orbita::kernel::storage
