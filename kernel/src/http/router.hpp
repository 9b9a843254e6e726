// SPDX-License-Identifier: Apache-2.0
// Maps method + path patterns ("/api/v1/records/{type}/{id}") to handlers.
#pragma once

#include "http/metrics.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <string>
#include <vector>

namespace Poco::Net {
class HTTPServerRequest;
class HTTPServerResponse;
}  // namespace Poco::Net

namespace orbita::kernel::http {

using Handler = std::function<Response(Request&)>;
/// A route that takes the connection over (the WebSocket endpoint): it answers the
/// handshake itself and keeps the pool thread for the connection's whole life.
using Upgrade = std::function<void(Request&, Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&)>;

/// One registered route and its documentation for OpenAPI.
struct Route {
    std::string method{};
    std::string pattern{};
    Handler handler{};
    bool public_access = false;  ///< answered without identity (health, login, webhooks)
    bool streaming_body = false; ///< the handler reads the body stream itself
    /// When set, runs instead of `handler` once the identity is known, outside the read
    /// admission gate (a long-lived connection must not hold a handler slot).
    Upgrade upgrade{};
    std::string summary{};
    std::string tag{};
    std::string owner = "kernel";
    nlohmann::json openapi = nlohmann::json::object();  ///< extra OpenAPI operation fields (parameters, requestBody, ...)

    // Filled in by the router.
    std::vector<std::string> segments{};
    Counter* requests_2xx = nullptr;
    Counter* requests_4xx = nullptr;
    Counter* requests_5xx = nullptr;
    Histogram* latency = nullptr;
};

/// The outcome of matching a path.
struct Match {
    const Route* route = nullptr;
    bool path_known = false;  ///< some route has this path but not this method (405)
    std::vector<std::string> allowed;
};

class Router {
public:
    explicit Router(Metrics& metrics) : metrics_(metrics) {}

    /// Adds a route; throws std::invalid_argument naming both owners when the same
    /// method and pattern are already registered.
    void add(Route route);
    /// Finds the route for `method` and `path`, filling `params` with `{name}` segments.
    Match match(const std::string& method, const std::string& path, std::map<std::string, std::string>& params) const;
    const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

    /// Answers public GET and HEAD requests that match no route outside `/api/` (the
    /// web application's files and its client-side routes). Empty `optional` from the
    /// fallback means 404 as before.
    using Fallback = std::function<std::optional<Response>(const std::string& path)>;
    void set_fallback(Fallback fallback) { fallback_ = std::move(fallback); }
    const Fallback& fallback() const { return fallback_; }

private:
    /// A route and its place in registration order (ties go to the earlier one).
    using Ranked = std::pair<std::size_t, const Route*>;

    Metrics& metrics_;
    std::vector<std::unique_ptr<Route>> routes_;
    /// Routes by their first three segments when those are literal ("api/v1/records"):
    /// a request is compared only with the routes of its own area, so routes added
    /// elsewhere (by plugins, under /api/v1/<plugin id>/) cost it nothing. Routes with
    /// fewer segments or a parameter among the first three are compared with every request.
    std::unordered_map<std::string, std::vector<Ranked>> by_area_;
    std::vector<Ranked> anywhere_;
    Fallback fallback_;
};

}  // namespace orbita::kernel::http
