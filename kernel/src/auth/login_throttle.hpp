// SPDX-License-Identifier: Apache-2.0
// Slows down password guessing: per-address rate limit and per-login lockout.
#pragma once

#include "auth/auth_options.hpp"
#include "core/clock.hpp"
#include "storage/database.hpp"

#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace orbita::kernel::auth {

/// Two guards. Per client address, at most `login_attempts_per_minute` sign-in attempts
/// (in memory: cheap, per node). Per login name, `max_failed_logins` failures within
/// `failure_window_minutes` lock that login for `lockout_minutes` (in the database:
/// shared by nodes, survives restarts). Unknown login names lock the same way, so the
/// behaviour does not reveal which logins exist; other logins are never affected.
class LoginThrottle {
public:
    LoginThrottle(storage::Database& db, const Clock& clock, const AuthOptions& options)
        : db_(db), clock_(clock), options_(options) {}

    /// Counts an attempt from `address`; false when over the limit.
    bool admit(const std::string& address);
    /// When `login` is locked, the end of the lockout.
    std::optional<TimePoint> locked_until(const std::string& login);
    /// Records a failure; answers the end of the lockout if this failure started one.
    std::optional<TimePoint> failure(const std::string& login);
    void success(const std::string& login);
    /// Lifts a lockout (administrators).
    void unlock(const std::string& login);

    /// Login names are compared case-insensitively and trimmed.
    static std::string key(const std::string& login);

private:
    storage::Database& db_;
    const Clock& clock_;
    AuthOptions options_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::deque<TimePoint>> attempts_;
};

}  // namespace orbita::kernel::auth
