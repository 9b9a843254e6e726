// SPDX-License-Identifier: Apache-2.0
// Password hashes and TOTP secrets, kept apart from the `user` records.
#pragma once

#include "core/clock.hpp"
#include "storage/database.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace orbita::kernel::auth {

/// What a user signs in with. Never leaves the server.
struct Credentials {
    std::string password_hash;
    std::string totp_secret;  ///< raw bytes; set while setting up or enabled
    bool totp_enabled = false;
    std::int64_t totp_last_step = 0;  ///< last accepted TOTP step: a code is good once
};

/// Rows of `user_credentials`, in the caller's transaction when there is one.
class CredentialStore {
public:
    CredentialStore(storage::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

    std::optional<Credentials> get(std::int64_t user_id);
    void set_password_hash(std::int64_t user_id, const std::string& hash);
    /// Stores a TOTP secret being set up (not yet required at sign-in).
    void set_pending_totp(std::int64_t user_id, const std::string& secret);
    void enable_totp(std::int64_t user_id, std::int64_t step);
    void disable_totp(std::int64_t user_id);
    void set_totp_step(std::int64_t user_id, std::int64_t step);

private:
    void ensure_row(storage::Connection& conn, std::int64_t user_id);
    storage::Database& db_;
    const Clock& clock_;
};

}  // namespace orbita::kernel::auth
