// SPDX-License-Identifier: Apache-2.0
#include "realtime/websocket_connection.hpp"

#include <Poco/Buffer.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/WebSocket.h>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace orbita::kernel::realtime {

using Poco::Net::WebSocket;

namespace {

// The flags of a whole (unfragmented) control frame; Poco's flag and opcode enums do not
// mix without a cast.
constexpr int final_frame(int opcode) { return static_cast<int>(WebSocket::FRAME_FLAG_FIN) | opcode; }

}  // namespace

WebSocketConnection::WebSocketConnection(WebSocket& socket, LiveSession& session, const RealtimeOptions& options,
                                         Recheck recheck, Rights rights)
    : socket_(socket),
      session_(session),
      options_(options),
      recheck_(std::move(recheck)),
      rights_(std::move(rights)) {
    last_heard_ = last_ping_ = last_check_ = Clock::now();
}

void WebSocketConnection::run() {
    socket_.setMaxPayloadSize(options_.max_message_bytes);
    socket_.setSendTimeout(Poco::Timespan(std::chrono::duration_cast<std::chrono::microseconds>(options_.send_timeout).count()));
    socket_.setReceiveTimeout(Poco::Timespan(5, 0));
    try {
        while (true) {
            if (!push_pending() || !keep_alive(Clock::now())) return;
            const auto tick = std::chrono::duration_cast<std::chrono::microseconds>(options_.tick).count();
            // What was queued before a client message arrived goes out before its reply,
            // so a client can tell "nothing happened" by a ping's pong.
            if (socket_.poll(Poco::Timespan(tick), Poco::Net::Socket::SELECT_READ) && (!push_pending() || !read_one()))
                return;
        }
    } catch (const Poco::Net::WebSocketException& e) {
        if (e.code() == WebSocket::WS_ERR_PAYLOAD_TOO_BIG) {
            close(1009, "messages are limited to " + std::to_string(options_.max_message_bytes) + " bytes");
        } else {
            spdlog::debug("websocket closed: {}", e.displayText());
        }
    } catch (const Poco::Exception& e) {
        // A peer that vanished or stopped reading (send timeout), or the server stopping
        // (HttpServer::stop shuts the sockets of open connections): nothing to tell.
        spdlog::debug("websocket dropped: {}", e.displayText());
    }
}

bool WebSocketConnection::push_pending() {
    if (session_.overflowed()) {
        close(kTooSlow, "too slow: the queue of pending events overflowed");
        return false;
    }
    if (!session_.has_pending()) return true;
    Actor actor = session_.actor();
    auto profile = rights_(actor.user_id);
    if (!profile) {
        close(kSessionEnded, "the user is deactivated");
        return false;
    }
    actor.access = std::move(profile);
    session_.set_actor(std::move(actor));
    for (const auto& frame : session_.drain()) send_text(frame);
    return true;
}

bool WebSocketConnection::read_one() {
    Poco::Buffer<char> buffer(0);
    int flags = 0;
    const int n = socket_.receiveFrame(buffer, flags);
    last_heard_ = Clock::now();
    const int opcode = flags & WebSocket::FRAME_OP_BITMASK;
    if (n == 0 && flags == 0) return false;  // the peer closed the TCP connection
    switch (opcode) {
        case WebSocket::FRAME_OP_CLOSE:
            socket_.sendFrame(buffer.begin(), static_cast<int>(std::min<std::size_t>(buffer.size(), 2)),
                              final_frame(WebSocket::FRAME_OP_CLOSE));
            return false;
        case WebSocket::FRAME_OP_PING:
            socket_.sendFrame(buffer.begin(), n, final_frame(WebSocket::FRAME_OP_PONG));
            return true;
        case WebSocket::FRAME_OP_PONG: return true;
        case WebSocket::FRAME_OP_TEXT:
            if (flags & WebSocket::FRAME_FLAG_FIN) {
                send_text(session_.handle(std::string(buffer.begin(), buffer.size())).dump());
                return true;
            }
            [[fallthrough]];
        default:
            send_text(nlohmann::json{{"op", "error"},
                                     {"code", "bad-frame"},
                                     {"detail", "send each message as one text frame of JSON"}}
                          .dump());
            return true;
    }
}

bool WebSocketConnection::keep_alive(Clock::time_point now) {
    if (now - last_check_ >= options_.session_check) {
        last_check_ = now;
        auto actor = recheck_();
        if (!actor) {
            close(kSessionEnded, "the session has ended; sign in again");
            return false;
        }
        session_.set_actor(std::move(*actor));
    }
    if (now - last_heard_ > 2 * options_.ping_interval + options_.tick) {
        close(1001, "no answer to ping");
        return false;
    }
    if (now - last_ping_ >= options_.ping_interval) {
        last_ping_ = now;
        socket_.sendFrame("", 0, final_frame(WebSocket::FRAME_OP_PING));
    }
    return true;
}

void WebSocketConnection::send_text(const std::string& text) {
    socket_.sendFrame(text.data(), static_cast<int>(text.size()), WebSocket::FRAME_TEXT);
}

void WebSocketConnection::close(int code, const std::string& reason) {
    try {
        socket_.shutdown(static_cast<Poco::UInt16>(code), reason);
    } catch (const Poco::Exception& e) {
        spdlog::debug("websocket close failed: {}", e.displayText());
    }
}

}  // namespace orbita::kernel::realtime
