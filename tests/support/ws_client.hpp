// SPDX-License-Identifier: Apache-2.0
// A raw WebSocket client for tests of /api/v1/ws, over loopback with Poco.
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace Poco::Net {
class HTTPClientSession;
class WebSocket;
}  // namespace Poco::Net

namespace orbita::test {

using Headers = std::vector<std::pair<std::string, std::string>>;

/// One connection to /api/v1/ws. Answers the server's pings itself, as browsers do.
class WsClient {
public:
    /// Connects with `headers` (Cookie or Authorization); throws unless the server
    /// switches protocols.
    WsClient(int port, const Headers& headers);
    ~WsClient();

    /// The HTTP status a handshake with `headers` gets (101 when it succeeds).
    static int handshake_status(int port, const Headers& headers, bool upgrade = true);

    void send(const nlohmann::json& message);
    void send_text(const std::string& text);
    /// Subscribes to `topic` and answers the reply (subscribed or error).
    nlohmann::json subscribe(const std::string& topic);
    /// The next JSON message, empty when none comes within `timeout` or the server closed.
    std::optional<nlohmann::json> next(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
    /// The next message satisfying `wanted`, skipping others; fails the test if none comes.
    nlohmann::json wait_for(const std::function<bool(const nlohmann::json&)>& wanted,
                            std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
    /// Every message up to the answer of a ping sent now: what the server had to say
    /// before it (pushes are sent before a client message is answered).
    std::vector<nlohmann::json> until_pong();
    /// The code of the server's close frame, waiting up to `timeout`; 0 if it did not close.
    int close_code(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

private:
    std::unique_ptr<Poco::Net::HTTPClientSession> session_;
    std::unique_ptr<Poco::Net::WebSocket> socket_;
    int close_code_ = 0;
};

/// The `Cookie` header of a session token.
Headers session_headers(const std::string& cookie);
/// The `Authorization` header of an API token.
Headers bearer_headers(const std::string& token);

}  // namespace orbita::test
