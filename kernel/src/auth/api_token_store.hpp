// SPDX-License-Identifier: Apache-2.0
// Personal API tokens for integrations: `Authorization: Bearer orb_...`.
#pragma once

#include "core/clock.hpp"
#include "storage/database.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace orbita::kernel::auth {

/// A token just created: the secret is shown once and never stored.
struct NewApiToken {
    std::int64_t id = 0;
    std::string token;
    nlohmann::json info;
};

/// Tokens belong to one user and act with that user's rights. Stored as SHA-256
/// hashes; revocation takes effect at once on this node (the cache entry is dropped)
/// and within seconds on others.
class ApiTokenStore {
public:
    ApiTokenStore(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    /// `expires_in_days` 0 means no expiry.
    NewApiToken create(std::int64_t user_id, const std::string& name, int expires_in_days);
    /// Tokens of a user (never the secrets), newest first.
    nlohmann::json list(std::int64_t user_id);
    /// Revokes token `id` of `user_id`; false when there is no such live token.
    bool revoke(std::int64_t user_id, std::int64_t id);
    /// The owner of a live token.
    std::optional<std::int64_t> authenticate(const std::string& token);

    static constexpr const char* kPrefix = "orb_";

private:
    struct Cached {
        std::int64_t user_id;
        std::int64_t id;
        std::string expires_at;
        std::chrono::steady_clock::time_point loaded;
    };
    storage::Database& db_;
    const Clock& clock_;
    std::mutex mutex_;
    std::unordered_map<std::string, Cached> cache_;
};

}  // namespace orbita::kernel::auth
