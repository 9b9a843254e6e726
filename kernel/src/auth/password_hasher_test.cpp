// SPDX-License-Identifier: Apache-2.0
#include "auth/password_hasher.hpp"
#include "auth/tokens.hpp"

#include <catch2/catch.hpp>

using namespace orbita::kernel::auth;

namespace {
const HashCost kCheap{1, 8 * 1024 * 1024};
}

// Produced by the argon2 reference implementation (Debian package argon2):
//   echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1 -l 32 -e
//   echo -n "correct horse battery staple" | argon2 orbitasalt123456 -id -t 2 -m 12 -p 1 -l 32 -e
TEST_CASE("verification accepts hashes made by the argon2 reference implementation") {
    PasswordHasher hasher(kCheap);
    CHECK(hasher.verify("password", "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"));
    CHECK(hasher.verify("correct horse battery staple",
                        "$argon2id$v=19$m=4096,t=2,p=1$b3JiaXRhc2FsdDEyMzQ1Ng$CEiWc1ij2OxdhEUpYbVaExDT/Oy7Ei/BcjnrNnKqtnI"));
    CHECK_FALSE(hasher.verify("Password", "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"));
}

TEST_CASE("new hashes are salted argon2id and verify") {
    PasswordHasher hasher(kCheap);
    const auto a = hasher.hash("Секретный пароль 1");
    const auto b = hasher.hash("Секретный пароль 1");
    CHECK(a.rfind("$argon2id$v=19$", 0) == 0);
    CHECK(a != b);  // random salt
    CHECK(hasher.verify("Секретный пароль 1", a));
    CHECK_FALSE(hasher.verify("секретный пароль 1", a));
    CHECK_FALSE(hasher.verify("x", "not a hash"));
    CHECK_FALSE(hasher.verify("x", ""));
}

TEST_CASE("a hash made at another cost asks to be rehashed") {
    PasswordHasher cheap(kCheap), dearer(HashCost{2, 16 * 1024 * 1024});
    const auto h = cheap.hash("a long enough password");
    CHECK_FALSE(cheap.needs_rehash(h));
    CHECK(dearer.needs_rehash(h));
    CHECK(dearer.verify("a long enough password", h));
}

TEST_CASE("the password policy refuses short and blank passwords") {
    CHECK_FALSE(password_policy_problem("short").empty());
    CHECK_FALSE(password_policy_problem("        ").empty());
    CHECK(password_policy_problem("long enough").empty());
}

TEST_CASE("tokens are random, URL-safe and stored as SHA-256") {
    const auto a = random_token(32), b = random_token(32);
    CHECK(a != b);
    CHECK(a.size() == 43);
    CHECK(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos);
    CHECK(token_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(secure_equals("same", "same"));
    CHECK_FALSE(secure_equals("same", "sane"));
    CHECK_FALSE(secure_equals("same", "same "));
}

TEST_CASE("unknown logins are checked against a well-formed hash of the current cost") {
    // dummy_verify must do a full verification's work, so its hash has to parse and
    // carry the cost real hashes are made with, in the same layout.
    for (const auto& cost : {kCheap, HashCost{}}) {
        PasswordHasher hasher(cost);
        CHECK_FALSE(hasher.needs_rehash(hasher.dummy_hash()));
        const auto real = hasher.hash("some password");
        CHECK(hasher.dummy_hash().size() == real.size());
        CHECK(hasher.dummy_hash().substr(0, real.find("$", 20)) == real.substr(0, real.find("$", 20)));
        CHECK_FALSE(hasher.verify("orbita-dummy-password", hasher.dummy_hash()));
    }
}
