// SPDX-License-Identifier: Apache-2.0
#include "auth/login_throttle.hpp"

namespace orbita::kernel::auth {

using storage::ReadKind;
using storage::SqlFragment;

std::string LoginThrottle::key(const std::string& login) {
    std::string k;
    for (char c : login) {
        if (c != ' ' && c != '\t') k += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return k.substr(0, 100);
}

bool LoginThrottle::admit(const std::string& address) {
    const auto now = clock_.now();
    std::lock_guard<std::mutex> lock(mutex_);
    auto& window = attempts_[address];
    while (!window.empty() && now - window.front() > std::chrono::minutes(1)) window.pop_front();
    if (static_cast<int>(window.size()) >= options_.login_attempts_per_minute) return false;
    window.push_back(now);
    if (attempts_.size() > 100000) attempts_.clear();  // bound memory under a spray of addresses
    return true;
}

std::optional<TimePoint> LoginThrottle::locked_until(const std::string& login) {
    auto until = db_.read([&](storage::Connection& conn) {
        return conn.query_one(SqlFragment("SELECT " + conn.dialect().select_expr("locked_until", storage::ColumnType::Timestamp) +
                                          " FROM login_failures WHERE login = ").bind(key(login)),
                              {ReadKind::Text});
    });
    if (!until || storage::is_null((*until)[0])) return std::nullopt;
    auto t = parse_iso_datetime(std::get<std::string>((*until)[0]));
    if (!t || *t <= clock_.now()) return std::nullopt;
    return t;
}

std::optional<TimePoint> LoginThrottle::failure(const std::string& login) {
    const auto now = clock_.now();
    const std::string k = key(login);
    return db_.write([&](storage::Transaction& tx) -> std::optional<TimePoint> {
        auto& conn = tx.conn();
        auto row = conn.query_one(SqlFragment("SELECT failures, " + conn.dialect().select_expr("first_failure_at", storage::ColumnType::Timestamp) +
                                              " FROM login_failures WHERE login = ").bind(k),
                                  {ReadKind::Int, ReadKind::Text});
        std::int64_t failures = 1;
        std::string first = format_utc(now);
        if (row) {
            auto started = parse_iso_datetime(std::get<std::string>((*row)[1]));
            if (started && now - *started < std::chrono::minutes(options_.failure_window_minutes)) {
                failures = std::get<std::int64_t>((*row)[0]) + 1;
                first = std::get<std::string>((*row)[1]);
            }
        }
        std::optional<TimePoint> locked;
        if (failures >= options_.max_failed_logins) locked = now + std::chrono::minutes(options_.lockout_minutes);
        conn.exec(SqlFragment("DELETE FROM login_failures WHERE login = ").bind(k));
        conn.exec(SqlFragment("INSERT INTO login_failures (login, failures, first_failure_at, locked_until) VALUES (")
                      .bind(k).sql(", ").bind(failures).sql(", ").bind(first).sql(", ")
                      .bind(locked ? storage::SqlValue(format_utc(*locked)) : storage::SqlValue{}).sql(")"));
        return locked;
    });
}

void LoginThrottle::success(const std::string& login) { unlock(login); }

void LoginThrottle::unlock(const std::string& login) {
    db_.write([&](storage::Transaction& tx) {
        tx.conn().exec(SqlFragment("DELETE FROM login_failures WHERE login = ").bind(key(login)));
    });
}

}  // namespace orbita::kernel::auth
