// SPDX-License-Identifier: Apache-2.0
// Identity of HTTP requests: session cookie (+ CSRF token) or API token.
#pragma once

#include "acl/profile_cache.hpp"
#include "audit/audit_log.hpp"
#include "auth/auth_service.hpp"
#include "http/authenticator.hpp"

namespace orbita::kernel::auth {

/// The name of the session cookie.
inline constexpr const char* kSessionCookie = "orbita_session";

/// Resolves `Authorization: Bearer orb_...` or the `orbita_session` cookie to an actor
/// with its access profile. Cookie-authenticated requests that change state must echo
/// the session's CSRF token in `X-CSRF-Token`. A session that still owes a TOTP set-up
/// may only reach /api/v1/auth/ (API tokens excepted). Refusals of presented credentials are audited.
class SessionAuthenticator final : public http::Authenticator {
public:
    SessionAuthenticator(AuthService& auth, acl::ProfileCache& profiles, audit::AuditLog& audit)
        : auth_(auth), profiles_(profiles), audit_(audit) {}

    std::optional<Actor> authenticate(http::Request& request) override;

private:
    AuthService& auth_;
    acl::ProfileCache& profiles_;
    audit::AuditLog& audit_;
};

/// The Set-Cookie value for a new session (or, with an empty token, one that clears it).
std::string session_cookie(const std::string& token, int max_age_seconds, bool secure);

}  // namespace orbita::kernel::auth
