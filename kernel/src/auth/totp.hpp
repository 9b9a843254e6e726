// SPDX-License-Identifier: Apache-2.0
// Time-based one-time passwords (RFC 6238) for the optional second factor.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace orbita::kernel::auth {

enum class TotpAlgorithm { Sha1, Sha256, Sha512 };

/// HMAC (RFC 2104) of `message` with `key`.
std::string hmac(TotpAlgorithm algorithm, std::string_view key, std::string_view message);

/// The code for `unix_seconds`: HOTP (RFC 4226) of the counter floor(t / step).
std::string totp_code(std::string_view secret, std::int64_t unix_seconds, int digits = 6, int step = 30,
                      TotpAlgorithm algorithm = TotpAlgorithm::Sha1);

/// True when `code` matches the current step or one step either side (clock drift).
/// Answers the matched step so callers can refuse replays of the same code.
std::optional<std::int64_t> totp_verify(std::string_view secret, std::string_view code, std::int64_t unix_seconds);

/// A fresh 20-byte secret.
std::string totp_new_secret();
/// RFC 4648 base32 without padding, as authenticator apps expect.
std::string base32_encode(std::string_view bytes);
std::optional<std::string> base32_decode(std::string_view text);
/// otpauth://totp/Orbita:<login>?secret=...&issuer=Orbita for a QR code.
std::string totp_uri(std::string_view secret, std::string_view login, std::string_view issuer = "Orbita");

}  // namespace orbita::kernel::auth
