// SPDX-License-Identifier: Apache-2.0
// Sign-in policy (config section `auth`).
#pragma once

#include "auth/password_hasher.hpp"

#include <string>

namespace orbita::kernel::auth {

struct AuthOptions {
    int session_idle_minutes = 720;       ///< a session unused this long ends
    int session_max_days = 30;            ///< and none lives longer than this
    int max_failed_logins = 5;            ///< failures within the window that lock a login
    int failure_window_minutes = 15;
    int lockout_minutes = 15;
    int login_attempts_per_minute = 30;   ///< per client address, across logins
    bool secure_cookies = false;          ///< set the Secure flag (serve over HTTPS)
    std::string totp_issuer = "Orbita";
    HashCost hash_cost;
};

}  // namespace orbita::kernel::auth
