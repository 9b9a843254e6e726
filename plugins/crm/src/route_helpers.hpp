// SPDX-License-Identifier: Apache-2.0
// What the crm route handlers share: path ids, 404, Result -> Response.
#pragma once

#include <orbita/sdk/http.hpp>

#include <cstdint>
#include <optional>

namespace orbita::plugins::crm {

/// A path parameter that names a record: nullopt (answered 404) for anything but a
/// positive integer.
std::optional<std::int64_t> id_param(const sdk::Request& r, const char* name = "id");

/// 404 "not-found".
sdk::Response not_found();

/// `result` as a JSON answer with `status`, or its Error as a problem.
sdk::Response answer(const sdk::Result<nlohmann::json>& result, int status = 200);

/// Wraps a handler taking the record id from the path (404 for a bad id).
template <class F>
sdk::RouteHandler with_id(F fn) {
    return [fn](const sdk::Request& r) {
        auto id = id_param(r);
        return id ? fn(r, *id) : not_found();
    };
}

}  // namespace orbita::plugins::crm
