// SPDX-License-Identifier: Apache-2.0
#include "plugins/sdk_actor.hpp"

namespace orbita::kernel::plugins {

namespace {
const acl::AccessProfile& nobody() {
    static const acl::AccessProfile empty{};
    return empty;
}
}  // namespace

SdkActor::SdkActor(const kernel::Actor& actor) : profile_(actor.access ? *actor.access : nobody()) {}

}  // namespace orbita::kernel::plugins
