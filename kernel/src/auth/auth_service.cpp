// SPDX-License-Identifier: Apache-2.0
#include "auth/auth_service.hpp"

#include "auth/totp.hpp"
#include "core/problem.hpp"

#include <chrono>

namespace orbita::kernel::auth {

using storage::ReadKind;
using storage::SqlFragment;

namespace {

Problem invalid_credentials() {
    return Problem::unauthorized("the login or password is wrong");
}

std::int64_t unix_seconds(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

AuthService::AuthService(storage::Database& db, const Clock& clock, AuthOptions options, acl::ProfileCache& profiles,
                         audit::AuditLog& audit)
    : db_(db),
      clock_(clock),
      options_(options),
      profiles_(profiles),
      audit_(audit),
      hasher_(options.hash_cost),
      credentials_(db, clock),
      sessions_(db, clock, options),
      tokens_(db, clock),
      throttle_(db, clock, options) {}

std::optional<std::int64_t> AuthService::find_user(const std::string& login) {
    return db_.read([&](storage::Connection& conn) {
        return conn.query_int(SqlFragment("SELECT id FROM \"user\" WHERE " + conn.dialect().lower("login") + " = ")
                                  .bind(LoginThrottle::key(login))
                                  .sql(" AND archived_at IS NULL"));
    });
}

bool AuthService::totp_required(std::int64_t user_id) {
    return db_.read([&](storage::Connection& conn) {
        const std::string yes = conn.dialect().name() == "sqlite" ? "1" : "TRUE";
        return conn.query_int(SqlFragment("SELECT COUNT(*) FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = ")
                                  .bind(user_id).sql(" AND r.require_totp = " + yes))
                   .value_or(0) > 0;
    });
}

LoginResult AuthService::login(const LoginRequest& req) {
    auto refuse = [&](const std::string& why, std::int64_t user_id) {
        audit_.record({"auth.login_failed", user_id, req.login.substr(0, 100), "user", user_id, {{"reason", why}}});
    };
    if (!throttle_.admit(req.address)) {
        refuse("rate_limited", 0);
        throw Problem(429, "too-many-attempts", "Too many requests",
                      "too many sign-in attempts from this address; wait a minute and try again");
    }
    if (req.login.empty() || req.password.empty())
        throw Problem::validation({{req.login.empty() ? "login" : "password", "required", "is required"}});
    if (auto until = throttle_.locked_until(req.login)) {
        refuse("locked", 0);
        throw Problem(423, "login-locked", "Locked",
                      "this login is locked after repeated failed sign-ins until " + format_utc(*until),
                      {}, {{"locked_until", format_utc(*until)}});
    }
    auto user_id = find_user(req.login);
    std::optional<Credentials> creds = user_id ? credentials_.get(*user_id) : std::nullopt;
    auto profile = user_id ? profiles_.build(*user_id) : nullptr;
    if (!creds || creds->password_hash.empty() || !profile) {
        hasher_.dummy_verify(req.password);  // same work as a real check: timing says nothing
        throttle_.failure(req.login);
        refuse(user_id ? "inactive_or_no_password" : "unknown_login", user_id.value_or(0));
        throw invalid_credentials();
    }
    if (!hasher_.verify(req.password, creds->password_hash)) {
        auto locked = throttle_.failure(req.login);
        refuse("wrong_password", *user_id);
        if (locked) audit_.record({"auth.locked", *user_id, req.login, "user", *user_id, {{"until", format_utc(*locked)}}});
        throw invalid_credentials();
    }
    if (creds->totp_enabled) {
        if (req.totp_code.empty())
            throw Problem(401, "totp-required", "Unauthorized", "enter the code from your authenticator app",
                          {{"totp", "required", "a one-time code is required"}});
        auto step = totp_verify(creds->totp_secret, req.totp_code, unix_seconds(clock_.now()));
        if (!step || *step <= creds->totp_last_step) {
            auto locked = throttle_.failure(req.login);
            refuse(step ? "totp_replayed" : "wrong_totp", *user_id);
            if (locked) audit_.record({"auth.locked", *user_id, req.login, "user", *user_id, {{"until", format_utc(*locked)}}});
            throw Problem(401, "invalid-totp", "Unauthorized", "the one-time code is wrong or was already used",
                          {{"totp", "invalid", "wrong or used code"}});
        }
        credentials_.set_totp_step(*user_id, *step);
    }
    throttle_.success(req.login);
    if (hasher_.needs_rehash(creds->password_hash)) credentials_.set_password_hash(*user_id, hasher_.hash(req.password));
    const bool setup_required = !creds->totp_enabled && totp_required(*user_id);
    LoginResult result;
    result.session = sessions_.create(*user_id, setup_required, req.address, req.user_agent);
    audit_.record({"auth.login", *user_id, profile->login, "user", *user_id, {{"totp", creds->totp_enabled}}});
    result.body = {{"user", {{"id", *user_id}, {"login", profile->login}}},
                   {"roles", profile->roles},
                   {"csrf_token", result.session.session.csrf_token},
                   {"expires_at", result.session.session.expires_at},
                   {"totp_setup_required", setup_required}};
    return result;
}

void AuthService::logout(const Session& session, const Actor& actor) {
    sessions_.revoke(session.token_hash);
    audit_.record(actor, "auth.logout");
}

void AuthService::set_password(std::int64_t user_id, const std::string& password) {
    if (auto problem = password_policy_problem(password); !problem.empty())
        throw Problem::validation({{"password", "weak_password", problem}});
    credentials_.set_password_hash(user_id, hasher_.hash(password));
}

void AuthService::change_password(const Actor& actor, const std::string& current, const std::string& next) {
    auto creds = credentials_.get(actor.user_id);
    if (!creds || !hasher_.verify(current, creds->password_hash)) {
        audit_.record(actor, "auth.password_change_failed");
        throw Problem(403, "wrong-password", "Forbidden", "the current password is wrong",
                      {{"current_password", "invalid", "is wrong"}});
    }
    // Named after the request's field, so a form can show the error beside it.
    if (auto problem = password_policy_problem(next); !problem.empty())
        throw Problem::validation({{"new_password", "weak_password", problem}});
    set_password(actor.user_id, next);
    sessions_.revoke_user(actor.user_id);
    audit_.record(actor, "auth.password_changed", {}, "user", actor.user_id);
}

nlohmann::json AuthService::begin_totp(const Actor& actor) {
    auto creds = credentials_.get(actor.user_id);
    if (creds && creds->totp_enabled)
        throw Problem::conflict("totp-enabled", "two-factor authentication is already on; turn it off first");
    const std::string secret = totp_new_secret();
    credentials_.set_pending_totp(actor.user_id, secret);
    audit_.record(actor, "auth.totp_setup_started");
    return {{"secret", base32_encode(secret)}, {"uri", totp_uri(secret, actor.login, options_.totp_issuer)}};
}

void AuthService::enable_totp(const Actor& actor, const std::string& code, const std::optional<std::string>& session_hash) {
    auto creds = credentials_.get(actor.user_id);
    if (!creds || creds->totp_secret.empty())
        throw Problem::conflict("totp-not-started", "start the set-up first (POST /api/v1/auth/totp/setup)");
    auto step = totp_verify(creds->totp_secret, code, unix_seconds(clock_.now()));
    if (!step) throw Problem::validation({{"code", "invalid", "the code does not match; check the phone's clock"}});
    credentials_.enable_totp(actor.user_id, *step);
    if (session_hash) sessions_.lift_restriction(*session_hash);
    audit_.record(actor, "auth.totp_enabled", {}, "user", actor.user_id);
}

void AuthService::disable_totp(const Actor& actor, const std::string& password) {
    auto creds = credentials_.get(actor.user_id);
    if (!creds || !hasher_.verify(password, creds->password_hash))
        throw Problem(403, "wrong-password", "Forbidden", "the password is wrong", {{"password", "invalid", "is wrong"}});
    if (totp_required(actor.user_id))
        throw Problem(403, "totp-mandatory", "Forbidden", "a role of yours requires two-factor authentication");
    credentials_.disable_totp(actor.user_id);
    audit_.record(actor, "auth.totp_disabled", {}, "user", actor.user_id);
}

void AuthService::reset_totp(const Actor& admin, std::int64_t user_id) {
    credentials_.disable_totp(user_id);
    sessions_.revoke_user(user_id);
    audit_.record(admin, "auth.totp_reset", {}, "user", user_id);
}

}  // namespace orbita::kernel::auth

namespace orbita::kernel::auth {

NewApiToken AuthService::create_token(const Actor& actor, const std::string& name, int expires_in_days) {
    auto token = tokens_.create(actor.user_id, name, expires_in_days);
    audit_.record(actor, "auth.token_created", token.info, "user", actor.user_id);
    return token;
}

bool AuthService::revoke_token(const Actor& actor, std::int64_t user_id, std::int64_t token_id) {
    if (!tokens_.revoke(user_id, token_id)) return false;
    audit_.record(actor, "auth.token_revoked", {{"token_id", token_id}}, "user", user_id);
    return true;
}

}  // namespace orbita::kernel::auth
