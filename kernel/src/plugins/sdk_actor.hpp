// SPDX-License-Identifier: Apache-2.0
// The kernel's identity as the SDK shows it to plugins.
#pragma once

#include "acl/access_profile.hpp"
#include "core/actor.hpp"
#include "orbita/sdk/actor.hpp"

namespace orbita::kernel::plugins {

/// sdk::Actor over a resolved access profile (a request's actor, or the profile a
/// visibility rule is evaluated for). Borrows the profile: lives only for the call.
class SdkActor final : public sdk::Actor {
public:
    explicit SdkActor(const acl::AccessProfile& profile) : profile_(profile) {}
    /// An actor without a profile may do nothing, like in the data layer.
    explicit SdkActor(const kernel::Actor& actor);

    std::int64_t user_id() const override { return profile_.user_id; }
    std::string login() const override { return profile_.login; }
    bool is_system() const override { return profile_.system; }
    bool is_administrator() const override { return profile_.administrator; }
    std::vector<std::string> roles() const override { return profile_.roles; }
    bool can(const std::string& target, const std::string& operation) const override {
        return profile_.can(target, operation);
    }

private:
    const acl::AccessProfile& profile_;
};

}  // namespace orbita::kernel::plugins
