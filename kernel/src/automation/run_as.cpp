// SPDX-License-Identifier: Apache-2.0
#include "automation/run_as.hpp"

#include "acl/access_profile.hpp"
#include "acl/profile_cache.hpp"
#include "auth/auth_service.hpp"
#include "core/problem.hpp"
#include "storage/database.hpp"

namespace orbita::kernel::automation {

std::int64_t RunAs::user_for(const std::string& login) {
    auto id = auth_.find_user(login);
    if (!id) throw Problem::validation({{"run_as", "unknown_user", "there is no user with login '" + login + "'"}});
    if (!profiles_.get(*id))
        throw Problem::validation({{"run_as", "inactive_user", "user '" + login + "' is inactive or archived"}});
    return *id;
}

std::optional<Actor> RunAs::actor(std::int64_t user_id) {
    auto profile = profiles_.get(user_id);
    if (!profile) return std::nullopt;
    return Actor{user_id, profile->login, false, profile, {}};
}

std::string RunAs::login_of(std::int64_t user_id) {
    auto row = db_.read([&](storage::Connection& c) {
        return c.query_one(storage::SqlFragment("SELECT login FROM \"user\" WHERE id = ").bind(user_id), {storage::ReadKind::Text});
    });
    return row ? *storage::as_text((*row)[0]) : "#" + std::to_string(user_id);
}

}  // namespace orbita::kernel::automation
