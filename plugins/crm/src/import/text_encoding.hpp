// SPDX-License-Identifier: Apache-2.0
// The text of an uploaded file as UTF-8: files from Excel on Russian Windows are often
// cp1251, others UTF-8 with or without a byte order mark.
#pragma once

#include <orbita/sdk/result.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace orbita::plugins::crm {

/// The file's bytes as UTF-8 without a byte order mark. `forced` ("utf-8" or
/// "cp1251") skips detection. Without it: valid UTF-8 is UTF-8; otherwise text whose
/// non-ASCII bytes are mostly cp1251 Cyrillic letters is cp1251; anything else answers
/// 422 "unknown-encoding" asking for the `encoding` parameter. A NUL byte means no text
/// file (422 "unsupported-file-type").
sdk::Result<std::string> text_as_utf8(std::string_view bytes, const std::optional<std::string>& forced);

/// True when `bytes` is well-formed UTF-8.
bool is_valid_utf8(std::string_view bytes);

/// cp1251 bytes decoded to UTF-8.
std::string cp1251_to_utf8(std::string_view bytes);

}  // namespace orbita::plugins::crm
