// SPDX-License-Identifier: Apache-2.0
#include "http/gzip.hpp"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <optional>
#include <stdexcept>

namespace orbita::kernel::http {

std::string gzip_compress(const std::string& data) {
    z_stream zs{};
    // windowBits 15 + 16 selects the gzip wrapper; level 1 trades ratio for CPU.
    if (deflateInit2(&zs, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("deflateInit2 failed");
    std::string out;
    out.resize(deflateBound(&zs, static_cast<uLong>(data.size())));
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) throw std::runtime_error("deflate failed");
    out.resize(zs.total_out);
    return out;
}

bool accepts_gzip(const std::string& accept_encoding) {
    // RFC 9110 §12.5.3: "gzip" (or "*") with a non-zero weight; "gzip;q=0" refuses it,
    // and an explicit gzip entry wins over "*".
    std::optional<bool> gzip, any;
    std::size_t start = 0;
    while (start < accept_encoding.size()) {
        const std::size_t comma = std::min(accept_encoding.find(',', start), accept_encoding.size());
        const std::string item = accept_encoding.substr(start, comma - start);
        start = comma + 1;
        const std::size_t semi = item.find(';');
        std::string coding;
        for (char c : item.substr(0, semi)) {
            if (c != ' ' && c != '\t') coding += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        bool allowed = true;
        if (semi != std::string::npos) {
            const std::size_t q = item.find("q=", semi);
            if (q != std::string::npos) allowed = std::strtod(item.c_str() + q + 2, nullptr) > 0.0;
        }
        if (coding == "gzip" || coding == "x-gzip") {
            gzip = allowed;
        } else if (coding == "*") {
            any = allowed;
        }
    }
    return gzip.value_or(any.value_or(false));
}

bool is_compressible(const std::string& content_type) {
    return content_type.find("json") != std::string::npos || content_type.rfind("text/", 0) == 0 ||
           content_type.find("javascript") != std::string::npos || content_type.find("svg") != std::string::npos;
}

}  // namespace orbita::kernel::http
