// SPDX-License-Identifier: Apache-2.0
// Registering administrator-only routes of the automation API.
#pragma once

#include "http/router.hpp"

#include <functional>
#include <string>

namespace orbita::kernel::acl {
class AccessAdmin;
}

namespace orbita::kernel::automation {

/// Adds routes that check the administrator right before doing anything, under one
/// OpenAPI tag.
class AdminRoutes {
public:
    AdminRoutes(http::Router& router, acl::AccessAdmin& admin, std::string tag)
        : router_(router), admin_(admin), tag_(std::move(tag)) {}

    /// `what` completes "only administrators may ..." in the 403.
    void add(const char* method, std::string pattern, const char* summary, const char* what, http::Handler handler);
    /// A whole-number query parameter within [min, max]; 400 otherwise.
    static int int_param(const http::Request& r, const char* name, int fallback, int min, int max);

private:
    http::Router& router_;
    acl::AccessAdmin& admin_;
    std::string tag_;
};

}  // namespace orbita::kernel::automation
