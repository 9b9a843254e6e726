// SPDX-License-Identifier: Apache-2.0
#include "http/gzip.hpp"

#include <zlib.h>

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
    return accept_encoding.find("gzip") != std::string::npos;
}

bool is_compressible(const std::string& content_type) {
    return content_type.find("json") != std::string::npos || content_type.rfind("text/", 0) == 0 ||
           content_type.find("javascript") != std::string::npos || content_type.find("svg") != std::string::npos;
}

}  // namespace orbita::kernel::http
