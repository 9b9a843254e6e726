// SPDX-License-Identifier: Apache-2.0
#include "auth/credential_store.hpp"

#include "auth/totp.hpp"

namespace orbita::kernel::auth {

using storage::ReadKind;
using storage::SqlFragment;

void CredentialStore::ensure_row(storage::Connection& conn, std::int64_t user_id) {
    conn.exec(SqlFragment("INSERT INTO user_credentials (user_id) VALUES (").bind(user_id)
                  .sql(") ON CONFLICT (user_id) DO NOTHING"));
}

std::optional<Credentials> CredentialStore::get(std::int64_t user_id) {
    return db_.read([&](storage::Connection& conn) -> std::optional<Credentials> {
        auto row = conn.query_one(SqlFragment("SELECT password_hash, totp_secret, " +
                                              conn.dialect().select_expr("totp_enabled", storage::ColumnType::Bool) +
                                              ", totp_last_step FROM user_credentials WHERE user_id = ").bind(user_id),
                                  {ReadKind::Text, ReadKind::Text, ReadKind::Int, ReadKind::Int});
        if (!row) return std::nullopt;
        Credentials c;
        c.password_hash = storage::as_text((*row)[0]).value_or("");
        // Secrets are stored base32 so the column stays printable text on both backends.
        c.totp_secret = base32_decode(storage::as_text((*row)[1]).value_or("")).value_or("");
        c.totp_enabled = storage::as_int((*row)[2]).value_or(0) != 0;
        c.totp_last_step = storage::as_int((*row)[3]).value_or(0);
        return c;
    });
}

void CredentialStore::set_password_hash(std::int64_t user_id, const std::string& hash) {
    db_.write([&](storage::Transaction& tx) {
        ensure_row(tx.conn(), user_id);
        tx.conn().exec(SqlFragment("UPDATE user_credentials SET password_hash = ").bind(hash)
                           .sql(", password_changed_at = ").bind(format_utc(clock_.now()))
                           .sql(" WHERE user_id = ").bind(user_id));
    });
}

void CredentialStore::set_pending_totp(std::int64_t user_id, const std::string& secret) {
    db_.write([&](storage::Transaction& tx) {
        ensure_row(tx.conn(), user_id);
        const std::string no = tx.conn().dialect().name() == "sqlite" ? "0" : "FALSE";
        tx.conn().exec(SqlFragment("UPDATE user_credentials SET totp_secret = ").bind(base32_encode(secret))
                           .sql(", totp_enabled = " + no + " WHERE user_id = ").bind(user_id));
    });
}

void CredentialStore::enable_totp(std::int64_t user_id, std::int64_t step) {
    db_.write([&](storage::Transaction& tx) {
        const std::string yes = tx.conn().dialect().name() == "sqlite" ? "1" : "TRUE";
        tx.conn().exec(SqlFragment("UPDATE user_credentials SET totp_enabled = " + yes + ", totp_last_step = ").bind(step)
                           .sql(" WHERE user_id = ").bind(user_id));
    });
}

void CredentialStore::disable_totp(std::int64_t user_id) {
    db_.write([&](storage::Transaction& tx) {
        const std::string no = tx.conn().dialect().name() == "sqlite" ? "0" : "FALSE";
        tx.conn().exec(SqlFragment("UPDATE user_credentials SET totp_enabled = " + no +
                                   ", totp_secret = NULL WHERE user_id = ").bind(user_id));
    });
}

void CredentialStore::set_totp_step(std::int64_t user_id, std::int64_t step) {
    db_.write([&](storage::Transaction& tx) {
        tx.conn().exec(SqlFragment("UPDATE user_credentials SET totp_last_step = ").bind(step)
                           .sql(" WHERE user_id = ").bind(user_id));
    });
}

}  // namespace orbita::kernel::auth
