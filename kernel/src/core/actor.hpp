// SPDX-License-Identifier: Apache-2.0
// Who is acting: a signed-in user or a named system actor.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace orbita::kernel {

namespace acl {
struct AccessProfile;
}

/// The identity every data-layer call carries. Code that runs without a user (jobs,
/// robots, migrations, demo data) acts as a named system actor, visible in history
/// and audit. `access` holds the resolved rights; an actor without it may do nothing.
struct Actor {
    std::int64_t user_id = 0;  ///< 0 for system actors
    std::string login;         ///< user login, or "system:<name>"
    bool system = false;
    std::shared_ptr<const acl::AccessProfile> access{};
    std::string session{};  ///< hash of the browser session acting, empty otherwise

    /// A system actor with every right, named for history and audit ("demo-data", "jobs").
    static Actor system_actor(const std::string& name);
};

}  // namespace orbita::kernel
