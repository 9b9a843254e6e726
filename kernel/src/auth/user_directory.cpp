// SPDX-License-Identifier: Apache-2.0
#include "auth/user_directory.hpp"

#include "acl/profile_cache.hpp"
#include "auth/auth_service.hpp"
#include "core/problem.hpp"

namespace orbita::kernel::auth {

Actor UserDirectory::actor(std::int64_t user_id, const std::string& field) {
    auto profile = user_id > 0 ? profiles_.get(user_id) : nullptr;
    if (!profile) {
        throw Problem::validation({{field, "unknown_user", "user #" + std::to_string(user_id) + " does not exist or is inactive"}});
    }
    return Actor{user_id, profile->login, false, profile, {}};
}

Actor UserDirectory::actor(const nlohmann::json& ref, const std::string& field) {
    if (ref.is_number_integer()) return actor(ref.get<std::int64_t>(), field);
    if (!ref.is_string() || ref.get_ref<const std::string&>().empty()) {
        throw Problem::validation({{field, "invalid_type", "must name a user by id or login"}});
    }
    const auto& login = ref.get_ref<const std::string&>();
    const auto id = auth_.find_user(login);
    if (!id || !profiles_.get(*id)) {
        throw Problem::validation({{field, "unknown_user", "user '" + login + "' does not exist or is inactive"}});
    }
    return actor(*id, field);
}

}  // namespace orbita::kernel::auth
