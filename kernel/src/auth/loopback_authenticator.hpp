// SPDX-License-Identifier: Apache-2.0
// Interim identity until sign-in exists: anonymous access from loopback only.
#pragma once

#include "http/authenticator.hpp"

namespace orbita::kernel::auth {

/// Lets loopback clients use the API as the system actor "anonymous" when the switch
/// `http.allow_anonymous_loopback` is on; everyone else is refused (401). The identity
/// issue replaces this with sessions and API tokens.
class LoopbackAuthenticator final : public http::Authenticator {
public:
    explicit LoopbackAuthenticator(bool enabled) : enabled_(enabled) {}
    std::optional<Actor> authenticate(http::Request& request) override;

private:
    bool enabled_;
};

}  // namespace orbita::kernel::auth
