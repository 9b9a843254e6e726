// SPDX-License-Identifier: Apache-2.0
#include "automation/admin_routes.hpp"

#include "acl/access_admin.hpp"
#include "core/problem.hpp"

#include <charconv>

namespace orbita::kernel::automation {

void AdminRoutes::add(const char* method, std::string pattern, const char* summary, const char* what, http::Handler handler) {
    router_.add({.method = method,
                 .pattern = std::move(pattern),
                 .handler = [&admin = admin_, what, handler = std::move(handler)](http::Request& r) {
                     admin.require_admin(r.actor(), what);
                     return handler(r);
                 },
                 .summary = summary,
                 .tag = tag_});
}

int AdminRoutes::int_param(const http::Request& r, const char* name, int fallback, int min, int max) {
    auto v = r.query_param(name);
    if (!v) return fallback;
    int n = 0;
    auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || ptr != v->data() + v->size() || n < min || n > max)
        throw Problem::bad_request(std::string(name) + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    return n;
}

}  // namespace orbita::kernel::automation
