// SPDX-License-Identifier: Apache-2.0
#include "auth/tokens.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace orbita::kernel::auth {

std::string random_token(std::size_t bytes) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(out.find('\0') == std::string::npos ? out.size() : out.find('\0'));
    return out;
}

std::string token_hash(std::string_view token) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

bool secure_equals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace orbita::kernel::auth
