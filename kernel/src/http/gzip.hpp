// SPDX-License-Identifier: Apache-2.0
// gzip compression of response bodies.
#pragma once

#include <string>

namespace orbita::kernel::http {

/// The gzip (RFC 1952) encoding of `data` at a fast compression level.
std::string gzip_compress(const std::string& data);
/// True when a client's Accept-Encoding header allows gzip.
bool accepts_gzip(const std::string& accept_encoding);
/// True for content types worth compressing (JSON, text, JavaScript, SVG).
bool is_compressible(const std::string& content_type);

}  // namespace orbita::kernel::http
