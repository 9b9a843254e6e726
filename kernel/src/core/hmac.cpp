// SPDX-License-Identifier: Apache-2.0
#include "core/hmac.hpp"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace orbita::kernel {

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
    // libsodium's streaming interface accepts keys of any length (hashing long ones, as
    // RFC 2104 says), unlike crypto_auth_hmacsha256 with its fixed 32-byte key.
    static const int ready = sodium_init();  // thread-safe, idempotent
    if (ready < 0) throw std::runtime_error("libsodium failed to initialise");
    crypto_auth_hmacsha256_state state;
    if (crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size()) != 0 ||
        crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 0) {
        throw std::runtime_error("HMAC-SHA256 failed");
    }
    std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
    crypto_auth_hmacsha256_final(&state, mac.data());
    std::array<char, crypto_auth_hmacsha256_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), mac.data(), mac.size());
    return std::string(hex.data(), crypto_auth_hmacsha256_BYTES * 2);
}

}  // namespace orbita::kernel
