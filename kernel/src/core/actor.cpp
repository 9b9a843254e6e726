// SPDX-License-Identifier: Apache-2.0
#include "core/actor.hpp"

#include "acl/profile_cache.hpp"

namespace orbita::kernel {

Actor Actor::system_actor(const std::string& name) {
    return Actor{0, "system:" + name, true, acl::ProfileCache::system_profile(name), {}};
}

}  // namespace orbita::kernel
