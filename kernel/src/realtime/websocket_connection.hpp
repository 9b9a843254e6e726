// SPDX-License-Identifier: Apache-2.0
// The life of one upgraded WebSocket connection: frames in, pushes out, keep-alive.
#pragma once

#include "realtime/live_session.hpp"
#include "realtime/realtime_options.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace Poco::Net {
class WebSocket;
}

namespace orbita::kernel::realtime {

/// Close codes besides the standard ones (1000 normal, 1001 going away, 1009 too big).
enum CloseCode : int {
    kSessionEnded = 4401,  ///< signed out, session expired or user deactivated
    kTooSlow = 4429,       ///< the client read too slowly and its queue overflowed
};

/// Runs one connection on the calling (pool) thread until it closes. Every tick it
/// sends what its session has queued, reads at most one client frame, pings the
/// client every ping_interval (no frame at all for two intervals: gone), and every
/// session_check asks `recheck` for the current identity: empty closes the socket
/// with 4401, so a signed-out or expired session stops receiving at once.
class WebSocketConnection {
public:
    using Recheck = std::function<std::optional<Actor>()>;
    /// The current rights of a user (null once deactivated): asked before each batch
    /// of pushes, so a revoked right applies to the very next event.
    using Rights = std::function<std::shared_ptr<const acl::AccessProfile>(std::int64_t user_id)>;

    WebSocketConnection(Poco::Net::WebSocket& socket, LiveSession& session, const RealtimeOptions& options,
                        Recheck recheck, Rights rights);
    void run();

private:
    using Clock = std::chrono::steady_clock;
    // Each answers false when the connection is over.
    bool push_pending();
    bool read_one();
    bool keep_alive(Clock::time_point now);
    void send_text(const std::string& text);
    void close(int code, const std::string& reason);

    Poco::Net::WebSocket& socket_;
    LiveSession& session_;
    const RealtimeOptions& options_;
    Recheck recheck_;
    Rights rights_;
    Clock::time_point last_heard_;
    Clock::time_point last_ping_;
    Clock::time_point last_check_;
};

}  // namespace orbita::kernel::realtime
