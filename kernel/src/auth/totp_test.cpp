// SPDX-License-Identifier: Apache-2.0
#include "auth/totp.hpp"

#include <catch2/catch.hpp>

using namespace orbita::kernel::auth;

// RFC 6238 Appendix B: the shared secrets are ASCII "1234567890" repeated to the key size.
TEST_CASE("TOTP matches the RFC 6238 test vectors for SHA-1, SHA-256 and SHA-512") {
    const std::string sha1 = "12345678901234567890";
    const std::string sha256 = "12345678901234567890123456789012";
    const std::string sha512 = "1234567890123456789012345678901234567890123456789012345678901234";
    struct Vector {
        std::int64_t t;
        const char* sha1;
        const char* sha256;
        const char* sha512;
    };
    const Vector vectors[] = {
        {59, "94287082", "46119246", "90693936"},
        {1111111109, "07081804", "68084774", "25091201"},
        {1111111111, "14050471", "67062674", "99943326"},
        {1234567890, "89005924", "91819424", "93441116"},
        {2000000000, "69279037", "90698825", "38618901"},
        {20000000000, "65353130", "77737706", "47863826"},
    };
    for (const auto& v : vectors) {
        CHECK(totp_code(sha1, v.t, 8, 30, TotpAlgorithm::Sha1) == v.sha1);
        CHECK(totp_code(sha256, v.t, 8, 30, TotpAlgorithm::Sha256) == v.sha256);
        CHECK(totp_code(sha512, v.t, 8, 30, TotpAlgorithm::Sha512) == v.sha512);
    }
}

TEST_CASE("HMAC-SHA-256 matches RFC 4231 test case 2") {
    const std::string mac = hmac(TotpAlgorithm::Sha256, "Jefe", "what do ya want for nothing?");
    std::string hex;
    for (unsigned char c : mac) {
        static const char* digits = "0123456789abcdef";
        hex += digits[c >> 4];
        hex += digits[c & 15];
    }
    CHECK(hex == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("a six-digit code verifies within one step of drift and not beyond") {
    const std::string secret = "12345678901234567890";
    const std::int64_t now = 1700000000;
    const auto code = totp_code(secret, now);
    CHECK(code.size() == 6);
    CHECK(totp_verify(secret, code, now) == now / 30);
    CHECK(totp_verify(secret, code, now + 30).has_value());
    CHECK(totp_verify(secret, code, now - 30).has_value());
    CHECK_FALSE(totp_verify(secret, code, now + 95).has_value());
    CHECK_FALSE(totp_verify(secret, "12345", now).has_value());
    CHECK_FALSE(totp_verify(secret, "abcdef", now).has_value());
}

TEST_CASE("base32 round-trips and matches RFC 4648 vectors") {
    CHECK(base32_encode("foobar") == "MZXW6YTBOI");
    CHECK(base32_encode("f") == "MY");
    CHECK(base32_decode("MZXW6YTBOI") == std::optional<std::string>("foobar"));
    CHECK(base32_decode("mzxw6ytboi======") == std::optional<std::string>("foobar"));
    CHECK_FALSE(base32_decode("not base32!").has_value());
    const std::string secret = totp_new_secret();
    CHECK(secret.size() == 20);
    CHECK(base32_decode(base32_encode(secret)) == std::optional<std::string>(secret));
}

TEST_CASE("the otpauth URI names the issuer and the login") {
    const auto uri = totp_uri("12345678901234567890", "ivanov.p");
    CHECK(uri.rfind("otpauth://totp/Orbita%3Aivanov.p?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 0) == 0);
    CHECK(uri.find("issuer=Orbita") != std::string::npos);
}
