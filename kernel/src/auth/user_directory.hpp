// SPDX-License-Identifier: Apache-2.0
// Active users named by id or login, as the actors they act as.
#pragma once

#include "core/actor.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace orbita::kernel::acl {
class ProfileCache;
}

namespace orbita::kernel::auth {

class AuthService;

/// Turns what scripts, robots and API bodies use to name a user (a user id such as a
/// `user` field holds, or a login) into an Actor with the user's rights. Only active,
/// unarchived users resolve: nobody notifies or runs as a former employee.
class UserDirectory {
public:
    UserDirectory(AuthService& auth, acl::ProfileCache& profiles) : auth_(auth), profiles_(profiles) {}

    /// The active user `ref` names (a positive integer id or a login). Problem 422 on
    /// field `field` when it names nobody active.
    Actor actor(const nlohmann::json& ref, const std::string& field);
    /// The active user with id `user_id`; Problem 422 on `field` otherwise.
    Actor actor(std::int64_t user_id, const std::string& field);

private:
    AuthService& auth_;
    acl::ProfileCache& profiles_;
};

}  // namespace orbita::kernel::auth
