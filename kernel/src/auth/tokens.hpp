// SPDX-License-Identifier: Apache-2.0
// Random secrets and their storage form.
#pragma once

#include <string>
#include <string_view>

namespace orbita::kernel::auth {

/// `bytes` random bytes as base64url text (no padding), from the OS CSPRNG.
std::string random_token(std::size_t bytes = 32);
/// SHA-256 hex digest: how session ids and API tokens are stored, so a leaked
/// database does not hand out usable credentials.
std::string token_hash(std::string_view token);
/// Constant-time equality of two strings (CSRF tokens).
bool secure_equals(std::string_view a, std::string_view b);

}  // namespace orbita::kernel::auth
