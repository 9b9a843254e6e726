// SPDX-License-Identifier: Apache-2.0
#include "realtime/realtime_api.hpp"

#include "acl/profile_cache.hpp"
#include "core/problem.hpp"
#include "http/authenticator.hpp"
#include "http/router.hpp"
#include "realtime/realtime_hub.hpp"
#include "realtime/visible_records.hpp"
#include "realtime/websocket_connection.hpp"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/WebSocket.h>
#include <Poco/String.h>
#include <Poco/URI.h>
#include <spdlog/spdlog.h>

namespace orbita::kernel::realtime {

namespace {

void require_websocket(const Poco::Net::HTTPServerRequest& raw) {
    if (Poco::icompare(raw.get("Upgrade", ""), "websocket") != 0)
        throw Problem(426, "upgrade-required", "Upgrade required",
                      "this endpoint speaks WebSocket only: send Upgrade: websocket");
}

// Browsers always send Origin on a WebSocket handshake; other clients (API tokens)
// usually send none, and they carry no ambient cookie to abuse.
void require_same_origin(const Poco::Net::HTTPServerRequest& raw) {
    const std::string origin = raw.get("Origin", "");
    if (origin.empty()) return;
    std::string origin_host;
    try {
        Poco::URI uri(origin);
        origin_host = uri.getAuthority();
    } catch (const Poco::Exception&) {
    }
    if (origin_host.empty() || Poco::icompare(origin_host, raw.getHost()) != 0)
        throw Problem(403, "cross-origin", "Forbidden", "a WebSocket may be opened only from this server's own pages");
}

}  // namespace

void register_realtime_api(http::Router& router, events::EventBus& events, records::RecordRepository& records,
                           http::Authenticator& authenticator, acl::ProfileCache& profiles, RealtimeOptions options) {
    auto hub = std::make_shared<RealtimeHub>(events, std::move(options));
    auto visible = std::make_shared<VisibleRecords>(records);
    http::Route route;
    route.method = "GET";
    route.pattern = "/api/v1/ws";
    route.tag = "realtime";
    route.summary = "WebSocket: subscribe to record changes, one's notifications and plugin channels (README, Realtime)";
    route.handler = [](http::Request&) -> http::Response {
        throw Problem(426, "upgrade-required", "Upgrade required", "this endpoint speaks WebSocket only");
    };
    route.upgrade = [hub, visible, &authenticator, &profiles](http::Request& request, Poco::Net::HTTPServerRequest& raw,
                                                             Poco::Net::HTTPServerResponse& out) {
        require_websocket(raw);
        require_same_origin(raw);
        auto session = std::make_shared<LiveSession>(request.actor(), *visible, hub->options());
        auto registration = hub->attach(session);
        std::unique_ptr<Poco::Net::WebSocket> socket;
        try {
            socket = std::make_unique<Poco::Net::WebSocket>(raw, out);
        } catch (const Poco::Net::WebSocketException& e) {
            throw Problem(400, "bad-handshake", "Bad request", "the WebSocket handshake failed: " + e.message());
        }
        // From here on the connection is a WebSocket: nothing may throw out of it.
        try {
            WebSocketConnection connection(
                *socket, *session, hub->options(),
                [&]() -> std::optional<Actor> {
                    try {
                        return authenticator.authenticate(request);
                    } catch (const Problem&) {
                        return std::nullopt;
                    }
                },
                [&profiles](std::int64_t user_id) { return profiles.get(user_id); });
            connection.run();
        } catch (const std::exception& e) {
            spdlog::warn("websocket of {} failed: {}", request.actor().login, e.what());
        }
    };
    router.add(std::move(route));
}

}  // namespace orbita::kernel::realtime
