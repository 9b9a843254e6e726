// SPDX-License-Identifier: Apache-2.0
#include "support/ws_client.hpp"

#include <Poco/Buffer.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/WebSocket.h>
#include <catch2/catch.hpp>

namespace orbita::test {

using Poco::Net::WebSocket;
using Clock = std::chrono::steady_clock;

namespace {

// The flags of a whole (unfragmented) control frame; Poco's flag and opcode enums do not
// mix without a cast.
constexpr int final_frame(int opcode) { return static_cast<int>(WebSocket::FRAME_FLAG_FIN) | opcode; }

Poco::Net::HTTPRequest handshake_request(const Headers& headers) {
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/api/v1/ws", Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [k, v] : headers) request.set(k, v);
    return request;
}

}  // namespace

WsClient::WsClient(int port, const Headers& headers)
    : session_(std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", static_cast<Poco::UInt16>(port))) {
    auto request = handshake_request(headers);
    Poco::Net::HTTPResponse response;
    socket_ = std::make_unique<WebSocket>(*session_, request, response);
}

WsClient::~WsClient() {
    try {
        if (socket_ && close_code_ == 0) socket_->shutdown();
    } catch (const Poco::Exception&) {
    }
}

int WsClient::handshake_status(int port, const Headers& headers, bool upgrade) {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
    auto request = handshake_request(headers);
    Poco::Net::HTTPResponse response;
    if (!upgrade) {
        session.sendRequest(request);
        session.receiveResponse(response).ignore(1 << 20);
        return response.getStatus();
    }
    try {
        WebSocket socket(session, request, response);
        socket.shutdown();
        return 101;
    } catch (const Poco::Net::WebSocketException&) {
        return response.getStatus();
    }
}

void WsClient::send(const nlohmann::json& message) { send_text(message.dump()); }

void WsClient::send_text(const std::string& text) {
    socket_->sendFrame(text.data(), static_cast<int>(text.size()), WebSocket::FRAME_TEXT);
}

nlohmann::json WsClient::subscribe(const std::string& topic) {
    send({{"op", "subscribe"}, {"topic", topic}, {"id", topic}});
    return wait_for([&](const nlohmann::json& m) { return m.value("id", "") == topic; });
}

std::optional<nlohmann::json> WsClient::next(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    Poco::Buffer<char> buffer(0);
    while (close_code_ == 0 && Clock::now() < deadline) {
        const auto left = std::chrono::duration_cast<std::chrono::microseconds>(deadline - Clock::now()).count();
        if (!socket_->poll(Poco::Timespan(std::max<long>(left, 1)), Poco::Net::Socket::SELECT_READ)) break;
        int flags = 0;
        buffer.resize(0);
        const int n = socket_->receiveFrame(buffer, flags);
        const int op = flags & WebSocket::FRAME_OP_BITMASK;
        if (n == 0 && flags == 0) {
            close_code_ = 1006;
            break;
        }
        if (op == WebSocket::FRAME_OP_CLOSE) {
            const auto* b = reinterpret_cast<const unsigned char*>(buffer.begin());
            close_code_ = buffer.size() >= 2 ? (b[0] << 8) | b[1] : 1005;
            break;
        }
        if (op == WebSocket::FRAME_OP_PING) {
            socket_->sendFrame(buffer.begin(), n, final_frame(WebSocket::FRAME_OP_PONG));
            continue;
        }
        if (op == WebSocket::FRAME_OP_TEXT) return nlohmann::json::parse(std::string(buffer.begin(), buffer.size()));
    }
    return std::nullopt;
}

nlohmann::json WsClient::wait_for(const std::function<bool(const nlohmann::json&)>& wanted,
                                  std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
        auto m = next(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
        if (!m) break;
        if (wanted(*m)) return *m;
    }
    FAIL("no wanted WebSocket message arrived (close code " << close_code_ << ")");
    return {};
}

std::vector<nlohmann::json> WsClient::until_pong() {
    send({{"op", "ping"}, {"id", "until-pong"}});
    std::vector<nlohmann::json> before;
    while (auto m = next()) {
        if (m->value("op", "") == "pong" && m->value("id", "") == "until-pong") return before;
        before.push_back(*m);
    }
    FAIL("no pong arrived (close code " << close_code_ << ")");
    return before;
}

int WsClient::close_code(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (close_code_ == 0 && Clock::now() < deadline) {
        try {
            next(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
        } catch (const Poco::Exception&) {
            close_code_ = 1006;
        }
    }
    return close_code_;
}

Headers session_headers(const std::string& cookie) { return {{"Cookie", "orbita_session=" + cookie}}; }

Headers bearer_headers(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

}  // namespace orbita::test
