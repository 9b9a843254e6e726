// SPDX-License-Identifier: Apache-2.0
// Browser sessions: random ids in an HttpOnly cookie, stored only as hashes.
#pragma once

#include "auth/auth_options.hpp"
#include "core/clock.hpp"
#include "storage/database.hpp"

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace orbita::kernel::auth {

/// A live session.
struct Session {
    std::string token_hash;
    std::int64_t user_id = 0;
    std::string csrf_token;
    std::string expires_at;
    bool restricted = false;  ///< signed in, but must set up two-factor authentication first
};

/// A session just created: the cookie value exists only here.
struct NewSession {
    std::string token;
    Session session;
};

/// Creates, finds and ends sessions. A session ends after `session_idle_minutes`
/// without use or `session_max_days` after sign-in, whichever comes first. Lookups are
/// cached for a few seconds; `last_seen_at` is written at most once a minute.
class SessionStore {
public:
    SessionStore(storage::Database& db, const Clock& clock, const AuthOptions& options)
        : db_(db), clock_(clock), options_(options) {}

    NewSession create(std::int64_t user_id, bool restricted, const std::string& ip, const std::string& user_agent);
    /// The session of a cookie value, if it is live.
    std::optional<Session> find(const std::string& token);
    void revoke(const std::string& token_hash);
    /// Ends every session of a user (password changed, user deactivated).
    void revoke_user(std::int64_t user_id);
    void lift_restriction(const std::string& token_hash);

private:
    struct Cached {
        Session session;
        std::chrono::steady_clock::time_point loaded;
        std::chrono::steady_clock::time_point touched;
    };
    void forget(const std::string& token_hash);

    storage::Database& db_;
    const Clock& clock_;
    AuthOptions options_;
    std::mutex mutex_;
    std::unordered_map<std::string, Cached> cache_;
};

}  // namespace orbita::kernel::auth
