// SPDX-License-Identifier: Apache-2.0
#include "auth/session_store.hpp"

#include "auth/tokens.hpp"

namespace orbita::kernel::auth {

using storage::ReadKind;
using storage::SqlFragment;

namespace {
constexpr auto kCacheFor = std::chrono::seconds(5);
constexpr auto kTouchEvery = std::chrono::seconds(60);
}  // namespace

NewSession SessionStore::create(std::int64_t user_id, bool restricted, const std::string& ip,
                                const std::string& user_agent) {
    NewSession out;
    out.token = random_token(32);
    const auto now = clock_.now();
    const auto expires = std::min(now + std::chrono::minutes(options_.session_idle_minutes),
                                  now + std::chrono::hours(24 * options_.session_max_days));
    out.session = {token_hash(out.token), user_id, random_token(24), format_utc(expires), restricted};
    db_.write([&](storage::Transaction& tx) {
        tx.conn().exec(SqlFragment("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at,"
                                   " ip, user_agent, restricted) VALUES (")
                           .bind(out.session.token_hash).sql(", ").bind(user_id).sql(", ").bind(out.session.csrf_token)
                           .sql(", ").bind(format_utc(now)).sql(", ").bind(format_utc(now)).sql(", ")
                           .bind(out.session.expires_at).sql(", ").bind(ip).sql(", ").bind(user_agent.substr(0, 300))
                           .sql(", ").bind(std::int64_t{restricted ? 1 : 0}).sql(")"));
    });
    return out;
}

std::optional<Session> SessionStore::find(const std::string& token) {
    if (token.empty() || token.size() > 100) return std::nullopt;
    const std::string hash = token_hash(token);
    const auto steady = std::chrono::steady_clock::now();
    const std::string now = format_utc(clock_.now());
    std::optional<std::chrono::steady_clock::time_point> last_touch;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = cache_.find(hash);
        if (it != cache_.end()) {
            if (steady - it->second.loaded < kCacheFor) {
                if (it->second.session.expires_at <= now) return std::nullopt;
                return it->second.session;
            }
            last_touch = it->second.touched;
        }
    }
    auto session = db_.read([&](storage::Connection& conn) -> std::optional<Session> {
        const auto& d = conn.dialect();
        auto row = conn.query_one(
            SqlFragment("SELECT user_id, csrf_token, " + d.select_expr("expires_at", storage::ColumnType::Timestamp) + ", " +
                        d.select_expr("restricted", storage::ColumnType::Bool) + ", " +
                        d.select_expr("created_at", storage::ColumnType::Timestamp) +
                        " FROM sessions WHERE token_hash = ").bind(hash).sql(" AND revoked_at IS NULL"),
            {ReadKind::Int, ReadKind::Text, ReadKind::Text, ReadKind::Int, ReadKind::Text});
        if (!row) return std::nullopt;
        Session s{hash, std::get<std::int64_t>((*row)[0]), std::get<std::string>((*row)[1]),
                  std::get<std::string>((*row)[2]), std::get<std::int64_t>((*row)[3]) != 0};
        if (s.expires_at <= now) return std::nullopt;
        if (!last_touch || steady - *last_touch >= kTouchEvery) {
            // Sliding expiry, written at most once a minute: each use pushes the end out
            // again, never past the absolute limit counted from sign-in.
            auto start = parse_iso_datetime(std::get<std::string>((*row)[4]));
            const auto t = clock_.now();
            auto extended = format_utc(t + std::chrono::minutes(options_.session_idle_minutes));
            if (start) extended = std::min(extended, format_utc(*start + std::chrono::hours(24 * options_.session_max_days)));
            db_.write([&](storage::Transaction& tx) {
                tx.conn().exec(SqlFragment("UPDATE sessions SET last_seen_at = ").bind(format_utc(t)).sql(", expires_at = ")
                                   .bind(extended).sql(" WHERE token_hash = ").bind(hash));
            });
            s.expires_at = extended;
            last_touch = steady;
        }
        return s;
    });
    std::lock_guard<std::mutex> lock(mutex_);
    if (!session) {
        cache_.erase(hash);
        return std::nullopt;
    }
    cache_[hash] = {*session, steady, *last_touch};
    return session;
}

void SessionStore::forget(const std::string& token_hash) {
    std::lock_guard<std::mutex> lock(mutex_);
    cache_.erase(token_hash);
}

void SessionStore::revoke(const std::string& hash) {
    db_.write([&](storage::Transaction& tx) {
        tx.conn().exec(SqlFragment("UPDATE sessions SET revoked_at = ").bind(format_utc(clock_.now()))
                           .sql(" WHERE token_hash = ").bind(hash).sql(" AND revoked_at IS NULL"));
    });
    forget(hash);
}

void SessionStore::revoke_user(std::int64_t user_id) {
    db_.write([&](storage::Transaction& tx) {
        tx.conn().exec(SqlFragment("UPDATE sessions SET revoked_at = ").bind(format_utc(clock_.now()))
                           .sql(" WHERE user_id = ").bind(user_id).sql(" AND revoked_at IS NULL"));
    });
    std::lock_guard<std::mutex> lock(mutex_);
    std::erase_if(cache_, [&](const auto& entry) { return entry.second.session.user_id == user_id; });
}

void SessionStore::lift_restriction(const std::string& hash) {
    db_.write([&](storage::Transaction& tx) {
        const std::string no = tx.conn().dialect().name() == "sqlite" ? "0" : "FALSE";
        tx.conn().exec(SqlFragment("UPDATE sessions SET restricted = " + no + " WHERE token_hash = ").bind(hash));
    });
    forget(hash);
}

}  // namespace orbita::kernel::auth
