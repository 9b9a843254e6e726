// SPDX-License-Identifier: Apache-2.0
// /api/v1/auth: sign-in, sign-out, who am I, password, second factor, API tokens.
#pragma once

namespace orbita::kernel {
namespace http {
class Router;
}
namespace records {
class RecordRepository;
}
namespace auth {

class AuthService;

/// Registers the identity endpoints. Only `POST /api/v1/auth/login` is public.
void register_auth_api(http::Router& router, AuthService& auth, records::RecordRepository& records);

}  // namespace auth
}  // namespace orbita::kernel
