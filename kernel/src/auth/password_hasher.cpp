// SPDX-License-Identifier: Apache-2.0
#include "auth/password_hasher.hpp"

#include <sodium.h>

#include <stdexcept>

namespace orbita::kernel::auth {

namespace {

void init_sodium() {
    static const int rc = sodium_init();
    if (rc < 0) throw std::runtime_error("libsodium failed to initialise");
}

}  // namespace

PasswordHasher::PasswordHasher(HashCost cost) : cost_(cost) {
    init_sodium();
    if (cost_.ops < crypto_pwhash_OPSLIMIT_MIN) cost_.ops = crypto_pwhash_OPSLIMIT_MIN;
    if (cost_.memory_bytes < crypto_pwhash_MEMLIMIT_MIN) cost_.memory_bytes = crypto_pwhash_MEMLIMIT_MIN;
    // A well-formed hash at the current cost, written out rather than computed: verifying
    // against it costs exactly what verifying a real one does (the work depends only on
    // the parameters in the string), and start-up does not pay for a hash (about half of
    // a cold start).
    dummy_ = "$argon2id$v=19$m=" + std::to_string(cost_.memory_bytes / 1024) + ",t=" + std::to_string(cost_.ops) +
             ",p=1$" + std::string(22, 'A') + "$" + std::string(43, 'A');
}

std::string PasswordHasher::hash(std::string_view password) const {
    char out[crypto_pwhash_STRBYTES];
    // crypto_pwhash_str uses argon2id (libsodium >= 1.0.15) with a random salt.
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost_.ops, cost_.memory_bytes,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("password hashing ran out of memory");
    return out;
}

bool PasswordHasher::verify(std::string_view password, const std::string& stored) const {
    if (stored.size() >= crypto_pwhash_STRBYTES || stored.rfind("$argon2", 0) != 0) return false;
    return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::needs_rehash(const std::string& stored) const {
    return crypto_pwhash_str_needs_rehash(stored.c_str(), cost_.ops, cost_.memory_bytes) != 0;
}

void PasswordHasher::dummy_verify(std::string_view password) const { verify(password, dummy_); }

std::string password_policy_problem(std::string_view password) {
    if (password.size() < 8) return "must be at least 8 characters long";
    if (password.size() > 1024) return "must be at most 1024 bytes";
    if (password.find_first_not_of(" \t\r\n") == std::string_view::npos) return "must not be blank";
    return {};
}

}  // namespace orbita::kernel::auth
