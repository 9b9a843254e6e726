// SPDX-License-Identifier: Apache-2.0
#include "auth/session_authenticator.hpp"

#include "auth/tokens.hpp"
#include "core/problem.hpp"
#include "http/request.hpp"

namespace orbita::kernel::auth {

std::string session_cookie(const std::string& token, int max_age_seconds, bool secure) {
    return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
           std::to_string(max_age_seconds) + (secure ? "; Secure" : "");
}

std::optional<Actor> SessionAuthenticator::authenticate(http::Request& request) {
    std::int64_t user_id = 0;
    std::string session_hash;
    const std::string authorization = request.header("Authorization");
    if (authorization.rfind("Bearer ", 0) == 0) {
        auto owner = auth_.tokens().authenticate(authorization.substr(7));
        if (!owner) {
            audit_.record({"auth.invalid_token", 0, "", "", 0, {{"path", request.path()}}});
            throw Problem::unauthorized("the API token is invalid, expired or revoked");
        }
        user_id = *owner;
    } else {
        const std::string cookie = request.cookie(kSessionCookie);
        if (cookie.empty()) return std::nullopt;
        auto session = auth_.sessions().find(cookie);
        if (!session) {
            audit_.record({"auth.invalid_session", 0, "", "", 0, {{"path", request.path()}}});
            throw Problem::unauthorized("the session has expired or is not valid; sign in again");
        }
        const std::string& method = request.method();
        if (method != "GET" && method != "HEAD" && method != "OPTIONS" &&
            !secure_equals(request.header("X-CSRF-Token"), session->csrf_token)) {
            audit_.record({"auth.csrf_failed", session->user_id, "", "user", session->user_id, {{"path", request.path()}}});
            throw Problem(403, "csrf-failed", "Forbidden",
                          "send the session's CSRF token in the X-CSRF-Token header with every change");
        }
        // A restricted session reaches only what it needs to finish the set-up (and to
        // sign out); minting an API token would be a way around the second factor.
        if (session->restricted &&
            (request.path().rfind("/api/v1/auth/", 0) != 0 || request.path().rfind("/api/v1/auth/tokens", 0) == 0)) {
            throw Problem(403, "totp-setup-required", "Forbidden",
                          "your role requires two-factor authentication: set it up first (POST /api/v1/auth/totp/setup)");
        }
        user_id = session->user_id;
        session_hash = session->token_hash;
    }
    auto profile = profiles_.get(user_id);
    if (!profile) {
        audit_.record({"auth.inactive_user", user_id, "", "user", user_id, {{"path", request.path()}}});
        throw Problem::unauthorized("this user is deactivated");
    }
    return Actor{user_id, profile->login, false, profile, session_hash};
}

}  // namespace orbita::kernel::auth
