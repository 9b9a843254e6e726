// SPDX-License-Identifier: Apache-2.0
// Decides who sends a request.
#pragma once

#include "core/actor.hpp"

#include <optional>

namespace orbita::kernel::http {

class Request;

/// Resolves the identity of a request to a non-public route. Answers empty when the
/// request carries no valid identity (the server then answers 401); throws a Problem
/// for richer refusals (locked account, CSRF).
class Authenticator {
public:
    virtual ~Authenticator() = default;
    virtual std::optional<Actor> authenticate(Request& request) = 0;
};

}  // namespace orbita::kernel::http
