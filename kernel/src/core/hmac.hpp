// SPDX-License-Identifier: Apache-2.0
// HMAC-SHA256 for signing outgoing webhooks.
#pragma once

#include <string>
#include <string_view>

namespace orbita::kernel {

/// HMAC-SHA256 (RFC 2104) of `message` under `key` of any length, as lower-case hex.
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

}  // namespace orbita::kernel
