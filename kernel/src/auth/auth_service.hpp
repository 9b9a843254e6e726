// SPDX-License-Identifier: Apache-2.0
// Sign-in, sign-out, passwords and the second factor.
#pragma once

#include "acl/profile_cache.hpp"
#include "audit/audit_log.hpp"
#include "auth/api_token_store.hpp"
#include "auth/auth_options.hpp"
#include "auth/credential_store.hpp"
#include "auth/login_throttle.hpp"
#include "auth/password_hasher.hpp"
#include "auth/session_store.hpp"
#include "core/actor.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace orbita::kernel::auth {

/// What a client sends to sign in.
struct LoginRequest {
    std::string login;
    std::string password;
    std::string totp_code;
    std::string address;
    std::string user_agent;
};

/// A successful sign-in.
struct LoginResult {
    NewSession session;
    nlohmann::json body;  ///< {user, roles, csrf_token, expires_at, totp_setup_required}
};

/// The rules of identity in one place. Every outcome that matters for security is
/// written to the audit log: sign-ins, failures, lockouts, password and 2FA changes.
class AuthService {
public:
    AuthService(storage::Database& db, const Clock& clock, AuthOptions options, acl::ProfileCache& profiles,
                audit::AuditLog& audit);

    /// 200 with a session, or a Problem: 401 (wrong login/password/code; also for
    /// unknown and inactive users, indistinguishably), 401 `totp-required` when a code
    /// is needed, 423 when the login is locked, 429 when the address sends too many.
    LoginResult login(const LoginRequest& request);
    void logout(const Session& session, const Actor& actor);

    /// Sets a password (administrators, the CLI); 422 if it breaks the policy.
    void set_password(std::int64_t user_id, const std::string& password);
    /// Changes one's own password after checking the current one; ends other sessions.
    void change_password(const Actor& actor, const std::string& current, const std::string& next);

    /// Starts TOTP set-up: a new secret (base32) and its otpauth:// URI.
    nlohmann::json begin_totp(const Actor& actor);
    /// Confirms set-up with a first code; lifts the session's set-up restriction.
    void enable_totp(const Actor& actor, const std::string& code, const std::optional<std::string>& session_hash);
    /// Turns TOTP off after checking the password (refused when a role requires it).
    void disable_totp(const Actor& actor, const std::string& password);
    /// Administrators reset a user's second factor (lost phone).
    void reset_totp(const Actor& admin, std::int64_t user_id);

    /// Creates an API token for the actor (audited); the secret is in the result only.
    NewApiToken create_token(const Actor& actor, const std::string& name, int expires_in_days);
    /// Revokes a token of `user_id` (audited); false when there is no such live token.
    bool revoke_token(const Actor& actor, std::int64_t user_id, std::int64_t token_id);

    /// Whether any role of the user demands a second factor.
    bool totp_required(std::int64_t user_id);
    /// The user id of a login, if the user exists (archived ones excluded).
    std::optional<std::int64_t> find_user(const std::string& login);

    SessionStore& sessions() { return sessions_; }
    ApiTokenStore& tokens() { return tokens_; }
    LoginThrottle& throttle() { return throttle_; }
    CredentialStore& credentials() { return credentials_; }
    const AuthOptions& options() const { return options_; }

private:
    storage::Database& db_;
    const Clock& clock_;
    AuthOptions options_;
    acl::ProfileCache& profiles_;
    audit::AuditLog& audit_;
    PasswordHasher hasher_;
    CredentialStore credentials_;
    SessionStore sessions_;
    ApiTokenStore tokens_;
    LoginThrottle throttle_;
};

}  // namespace orbita::kernel::auth
