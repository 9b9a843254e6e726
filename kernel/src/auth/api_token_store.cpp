// SPDX-License-Identifier: Apache-2.0
#include "auth/api_token_store.hpp"

#include "auth/tokens.hpp"

namespace orbita::kernel::auth {

using storage::ReadKind;
using storage::SqlFragment;
using storage::SqlValue;

namespace {
constexpr auto kCacheFor = std::chrono::seconds(5);
}

NewApiToken ApiTokenStore::create(std::int64_t user_id, const std::string& name, int expires_in_days) {
    NewApiToken out;
    out.token = std::string(kPrefix) + random_token(32);
    const auto now = clock_.now();
    const std::string created = format_utc(now);
    std::optional<std::string> expires;
    if (expires_in_days > 0) expires = format_utc(now + std::chrono::hours(24 * expires_in_days));
    const std::string prefix = out.token.substr(0, 10);
    out.id = db_.write([&](storage::Transaction& tx) {
        return *tx.conn().query_int(
            SqlFragment("INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at, expires_at) VALUES (")
                .bind(user_id).sql(", ").bind(name).sql(", ").bind(token_hash(out.token)).sql(", ").bind(prefix)
                .sql(", ").bind(created).sql(", ").bind(expires ? SqlValue(*expires) : SqlValue{}).sql(") RETURNING id"));
    });
    out.info = {{"id", out.id}, {"name", name}, {"prefix", prefix}, {"created_at", created},
                {"expires_at", expires ? nlohmann::json(*expires) : nlohmann::json(nullptr)}};
    return out;
}

nlohmann::json ApiTokenStore::list(std::int64_t user_id) {
    return db_.read([&](storage::Connection& conn) {
        const auto& d = conn.dialect();
        auto ts = [&](const char* c) { return d.select_expr(c, storage::ColumnType::Timestamp); };
        nlohmann::json items = nlohmann::json::array();
        for (auto& r : conn.query(SqlFragment("SELECT id, name, prefix, " + ts("created_at") + ", " + ts("expires_at") + ", " +
                                              ts("last_used_at") + ", " + ts("revoked_at") +
                                              " FROM api_tokens WHERE user_id = ").bind(user_id).sql(" ORDER BY id DESC"),
                                  {ReadKind::Int, ReadKind::Text, ReadKind::Text, ReadKind::Text, ReadKind::Text,
                                   ReadKind::Text, ReadKind::Text})) {
            auto opt = [](const SqlValue& v) { return storage::is_null(v) ? nlohmann::json(nullptr) : nlohmann::json(*storage::as_text(v)); };
            items.push_back({{"id", *storage::as_int(r[0])}, {"name", *storage::as_text(r[1])}, {"prefix", *storage::as_text(r[2])},
                             {"created_at", opt(r[3])}, {"expires_at", opt(r[4])}, {"last_used_at", opt(r[5])},
                             {"revoked_at", opt(r[6])}});
        }
        return items;
    });
}

bool ApiTokenStore::revoke(std::int64_t user_id, std::int64_t id) {
    const auto changed = db_.write([&](storage::Transaction& tx) {
        return tx.conn().exec(SqlFragment("UPDATE api_tokens SET revoked_at = ").bind(format_utc(clock_.now()))
                                  .sql(" WHERE id = ").bind(id).sql(" AND user_id = ").bind(user_id)
                                  .sql(" AND revoked_at IS NULL"));
    });
    std::lock_guard<std::mutex> lock(mutex_);
    std::erase_if(cache_, [&](const auto& e) { return e.second.id == id; });
    return changed > 0;
}

std::optional<std::int64_t> ApiTokenStore::authenticate(const std::string& token) {
    if (token.rfind(kPrefix, 0) != 0 || token.size() > 100) return std::nullopt;
    const std::string hash = token_hash(token);
    const std::string now = format_utc(clock_.now());
    const auto steady = std::chrono::steady_clock::now();
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = cache_.find(hash);
        if (it != cache_.end() && steady - it->second.loaded < kCacheFor) {
            if (!it->second.expires_at.empty() && it->second.expires_at <= now) return std::nullopt;
            return it->second.user_id;
        }
    }
    auto row = db_.read([&](storage::Connection& conn) {
        return conn.query_one(SqlFragment("SELECT id, user_id, " +
                                          conn.dialect().select_expr("expires_at", storage::ColumnType::Timestamp) +
                                          " FROM api_tokens WHERE token_hash = ").bind(hash).sql(" AND revoked_at IS NULL"),
                              {ReadKind::Int, ReadKind::Int, ReadKind::Text});
    });
    if (!row) return std::nullopt;
    const std::string expires = storage::as_text((*row)[2]).value_or("");
    if (!expires.empty() && expires <= now) return std::nullopt;
    const auto id = std::get<std::int64_t>((*row)[0]);
    db_.write([&](storage::Transaction& tx) {
        tx.conn().exec(SqlFragment("UPDATE api_tokens SET last_used_at = ").bind(now).sql(" WHERE id = ").bind(id));
    });
    std::lock_guard<std::mutex> lock(mutex_);
    cache_[hash] = {std::get<std::int64_t>((*row)[1]), id, expires, steady};
    return std::get<std::int64_t>((*row)[1]);
}

}  // namespace orbita::kernel::auth
