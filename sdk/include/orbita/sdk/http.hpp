// SPDX-License-Identifier: Apache-2.0
// HTTP routes a plugin adds to the kernel's server: JSON in, JSON out.
#pragma once

#include "orbita/sdk/actor.hpp"
#include "orbita/sdk/records.hpp"
#include "orbita/sdk/result.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace orbita::sdk {

/// @brief One request to a plugin route, already authenticated (the kernel answers 401
/// before calling you) and with its JSON body parsed within the server's limits (400,
/// 413 and 415 are answered by the kernel too). Valid only during the handler call.
struct Request {
    std::string method;                         ///< "GET", "POST", ...
    std::string path;                           ///< the decoded path, e.g. /api/v1/bookmarks/7/visit
    std::map<std::string, std::string> params;  ///< `{name}` segments of the route pattern
    std::map<std::string, std::string> query;   ///< first value of each query parameter
    nlohmann::json body;                        ///< parsed JSON body; null when there was none
    const Actor& actor;                         ///< who is calling
    Records& records;                           ///< record access with the caller's rights

    /// @brief A query parameter, or nullopt.
    std::optional<std::string> query_param(const std::string& name) const {
        auto it = query.find(name);
        if (it == query.end()) return std::nullopt;
        return it->second;
    }
};

/// @brief What a route handler answers. Errors are problem details (RFC 9457): use
/// `problem()` or `from_error()`, never a hand-made error body. Members you add to a
/// problem's `body` beside `code` and `detail` are sent as extension members (e.g.
/// `r.body["candidates"] = ...`); the standard members (type, title, status, instance,
/// request_id, errors) are always the kernel's.
struct Response {
    int status = 200;
    nlohmann::json body = nlohmann::json::object();
    bool is_problem = false;  ///< sent as application/problem+json

    /// @brief A JSON answer with `status` (default 200).
    static Response json(nlohmann::json body, int status = 200) { return Response{status, std::move(body), false}; }
    /// @brief An error answer: `code` becomes the problem type slug, `detail` its text.
    static Response problem(int status, std::string code, std::string detail) {
        return Response{status, {{"code", std::move(code)}, {"detail", std::move(detail)}}, true};
    }
    /// @brief The problem answer for an Error from Records or your own logic.
    static Response from_error(const Error& e) { return problem(e.status, e.code, e.message); }
};

/// @brief A route handler. Called on an HTTP worker thread, concurrently with other
/// requests, only after every plugin finished `initialize`. An exception escaping it is a
/// bug: the kernel answers 500, names your plugin, and counts it in the admin report.
using RouteHandler = std::function<Response(const Request&)>;

/// @brief A route declaration. `path` must start with `/api/v1/<plugin id>/` (or equal
/// `/api/v1/<plugin id>`); `{name}` segments capture path parameters.
struct Route {
    std::string method;   ///< GET, POST, PUT, PATCH or DELETE
    std::string path;     ///< pattern, e.g. "/api/v1/bookmarks/{id}/visit"
    std::string summary;  ///< one line for the OpenAPI description
    RouteHandler handler;
};

/// @brief Adds routes. Use only inside Plugin::initialize; what you add is staged and
/// becomes reachable only if `initialize` succeeds and nothing clashes with routes of
/// the kernel or other plugins (the clash names both owners).
class HttpRegistrar {
public:
    virtual ~HttpRegistrar() = default;
    /// @brief Stages one route; an invalid declaration returns an Error.
    virtual Result<void> route(Route route) = 0;
};

}  // namespace orbita::sdk
