// SPDX-License-Identifier: Apache-2.0
// The users robots and triggers act as.
#pragma once

#include "core/actor.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace orbita::kernel::auth {
class AuthService;
}
namespace orbita::kernel::acl {
class ProfileCache;
}
namespace orbita::kernel::storage {
class Database;
}

namespace orbita::kernel::automation {

/// Robots and triggers act as a named user (their `run_as`), so everything they do is
/// checked against that user's rights and shows under that name in history.
class RunAs {
public:
    RunAs(auth::AuthService& auth, acl::ProfileCache& profiles, storage::Database& db) : auth_(auth), profiles_(profiles), db_(db) {}

    /// The id of an active user with `login`; 422 under "run_as" otherwise.
    std::int64_t user_for(const std::string& login);
    /// The actor of user `id` with current rights; nullopt when inactive or archived.
    std::optional<Actor> actor(std::int64_t user_id);
    /// The login of user `id` ("#id" when it no longer exists).
    std::string login_of(std::int64_t user_id);

private:
    auth::AuthService& auth_;
    acl::ProfileCache& profiles_;
    storage::Database& db_;
};

}  // namespace orbita::kernel::automation
