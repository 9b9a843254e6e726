// SPDX-License-Identifier: Apache-2.0
// argon2id password hashes (libsodium), in the PHC string format.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace orbita::kernel::auth {

/// Cost of a hash. The defaults are libsodium's "interactive" level (about 64 MiB,
/// two passes); tests lower them through config to stay fast.
struct HashCost {
    std::uint64_t ops = 2;
    std::size_t memory_bytes = 64ull * 1024 * 1024;
};

/// Hashes and verifies passwords. Stored hashes look like
/// `$argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash>` and carry their own cost, so raising
/// the cost later keeps old hashes verifiable (and `needs_rehash` tells when to upgrade).
class PasswordHasher {
public:
    explicit PasswordHasher(HashCost cost = {});

    /// A new salted argon2id hash of `password`.
    std::string hash(std::string_view password) const;
    /// Constant-time check of `password` against a stored hash; false for malformed hashes.
    bool verify(std::string_view password, const std::string& stored) const;
    /// True when `stored` was made with a different cost than the current one.
    bool needs_rehash(const std::string& stored) const;
    /// Burns the time of one verification; used for unknown logins so that response
    /// time does not reveal whether a login exists.
    void dummy_verify(std::string_view password) const;
    /// The hash dummy_verify checks against (for tests: it must carry the current cost).
    const std::string& dummy_hash() const { return dummy_; }

private:
    HashCost cost_;
    std::string dummy_;
};

/// Problems with a new password (length, blank), empty when acceptable.
std::string password_policy_problem(std::string_view password);

}  // namespace orbita::kernel::auth
