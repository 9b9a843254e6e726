// SPDX-License-Identifier: Apache-2.0
// Who is acting: a signed-in user or a named system actor.
#pragma once

#include <cstdint>
#include <string>

namespace orbita::kernel {

/// The identity every data-layer call carries. Code that runs without a user (jobs,
/// robots, migrations, demo data) acts as a named system actor, visible in history.
struct Actor {
    std::int64_t user_id = 0;  ///< 0 for system actors
    std::string login;         ///< user login, or "system:<name>"
    bool system = false;

    static Actor system_actor(const std::string& name) { return Actor{0, "system:" + name, true}; }
};

}  // namespace orbita::kernel
