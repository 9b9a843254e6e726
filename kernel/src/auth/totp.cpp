// SPDX-License-Identifier: Apache-2.0
#include "auth/totp.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA1Engine.h>
#include <Poco/SHA2Engine.h>
#include <Poco/URI.h>
#include <sodium.h>

#include <memory>

namespace orbita::kernel::auth {

namespace {

std::unique_ptr<Poco::DigestEngine> engine(TotpAlgorithm a) {
    switch (a) {
        case TotpAlgorithm::Sha1: return std::make_unique<Poco::SHA1Engine>();
        case TotpAlgorithm::Sha256: return std::make_unique<Poco::SHA2Engine>(Poco::SHA2Engine::SHA_256);
        case TotpAlgorithm::Sha512: return std::make_unique<Poco::SHA2Engine>(Poco::SHA2Engine::SHA_512);
    }
    return nullptr;
}

std::size_t block_size(TotpAlgorithm a) { return a == TotpAlgorithm::Sha512 ? 128 : 64; }

std::string digest(Poco::DigestEngine& e, std::string_view data) {
    e.reset();
    e.update(data.data(), static_cast<unsigned>(data.size()));
    const auto& d = e.digest();
    return std::string(d.begin(), d.end());
}

constexpr const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

}  // namespace

std::string hmac(TotpAlgorithm algorithm, std::string_view key, std::string_view message) {
    auto e = engine(algorithm);
    const std::size_t block = block_size(algorithm);
    std::string k(key);
    if (k.size() > block) k = digest(*e, k);
    k.resize(block, '\0');
    std::string inner(block, '\0'), outer(block, '\0');
    for (std::size_t i = 0; i < block; ++i) {
        inner[i] = static_cast<char>(k[i] ^ 0x36);
        outer[i] = static_cast<char>(k[i] ^ 0x5c);
    }
    return digest(*e, outer + digest(*e, inner + std::string(message)));
}

std::string totp_code(std::string_view secret, std::int64_t unix_seconds, int digits, int step,
                      TotpAlgorithm algorithm) {
    std::uint64_t counter = static_cast<std::uint64_t>(unix_seconds / step);
    std::string message(8, '\0');
    for (int i = 7; i >= 0; --i) {
        message[static_cast<std::size_t>(i)] = static_cast<char>(counter & 0xff);
        counter >>= 8;
    }
    const std::string mac = hmac(algorithm, secret, message);
    const auto offset = static_cast<std::size_t>(static_cast<unsigned char>(mac.back()) & 0x0f);
    std::uint32_t binary = (static_cast<std::uint32_t>(static_cast<unsigned char>(mac[offset]) & 0x7f) << 24) |
                           (static_cast<std::uint32_t>(static_cast<unsigned char>(mac[offset + 1])) << 16) |
                           (static_cast<std::uint32_t>(static_cast<unsigned char>(mac[offset + 2])) << 8) |
                           static_cast<std::uint32_t>(static_cast<unsigned char>(mac[offset + 3]));
    std::uint32_t modulus = 1;
    for (int i = 0; i < digits; ++i) modulus *= 10;
    std::string code = std::to_string(binary % modulus);
    return std::string(static_cast<std::size_t>(digits) - code.size(), '0') + code;
}

std::optional<std::int64_t> totp_verify(std::string_view secret, std::string_view code, std::int64_t unix_seconds) {
    if (code.size() != 6) return std::nullopt;
    for (int drift : {0, -1, 1}) {
        const std::int64_t t = unix_seconds + drift * 30;
        const std::string expected = totp_code(secret, t);
        if (sodium_memcmp(expected.data(), code.data(), 6) == 0) return t / 30;
    }
    return std::nullopt;
}

std::string totp_new_secret() {
    std::string secret(20, '\0');
    randombytes_buf(secret.data(), secret.size());
    return secret;
}

std::string base32_encode(std::string_view bytes) {
    std::string out;
    int buffer = 0, bits = 0;
    for (unsigned char c : bytes) {
        buffer = (buffer << 8) | c;
        bits += 8;
        while (bits >= 5) {
            out += kAlphabet[(buffer >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
    return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
    std::string out;
    int buffer = 0, bits = 0;
    for (char c : text) {
        if (c == '=' || c == ' ') continue;
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        const char* p = std::char_traits<char>::find(kAlphabet, 32, c);
        if (!p) return std::nullopt;
        buffer = (buffer << 5) | static_cast<int>(p - kAlphabet);
        bits += 5;
        if (bits >= 8) {
            out += static_cast<char>((buffer >> (bits - 8)) & 0xff);
            bits -= 8;
        }
    }
    return out;
}

std::string totp_uri(std::string_view secret, std::string_view login, std::string_view issuer) {
    std::string label, issuer_enc;
    Poco::URI::encode(std::string(issuer) + ":" + std::string(login), "?&=#/:", label);
    Poco::URI::encode(std::string(issuer), "?&=#/:", issuer_enc);
    return "otpauth://totp/" + label + "?secret=" + base32_encode(secret) + "&issuer=" + issuer_enc +
           "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace orbita::kernel::auth
