// SPDX-License-Identifier: Apache-2.0
// Base64 (RFC 4648) for files carried in JSON bodies and answers.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace orbita::plugins::crm {

/// The bytes `text` encodes (white space ignored, padding optional); nullopt when
/// it is not base64.
std::optional<std::string> base64_decode(std::string_view text);
/// `bytes` as padded base64.
std::string base64_encode(std::string_view bytes);

}  // namespace orbita::plugins::crm
