// SPDX-License-Identifier: Apache-2.0
#include "storage/dialect.hpp"

namespace orbita::kernel::storage {

std::string Dialect::quote(std::string_view identifier) const {
    std::string out = "\"";
    for (char c : identifier) {
        if (c == '"') out += '"';  // identifiers are schema-validated; doubling is defence in depth
        out += c;
    }
    out += '"';
    return out;
}

}  // namespace orbita::kernel::storage
