// SPDX-License-Identifier: Apache-2.0
// Limits of the WebSocket endpoint (config section `realtime`).
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstddef>

namespace orbita::kernel::realtime {

/// Every limit protects the server from one client: a connection holds a pool thread
/// (Poco serves a connection on one thread), so connections are counted; a client that
/// reads too slowly is dropped once its queue is full instead of growing memory.
struct RealtimeOptions {
    std::size_t max_connections = 100;
    std::size_t max_subscriptions = 64;
    int max_message_bytes = 4096;
    std::size_t max_queued_events = 256;
    std::chrono::milliseconds ping_interval{30000};
    std::chrono::milliseconds session_check{15000};
    std::chrono::milliseconds send_timeout{5000};
    /// How often the connection loop looks at its queue and its socket.
    std::chrono::milliseconds tick{50};

    static RealtimeOptions from_config(const nlohmann::json& document);
};

}  // namespace orbita::kernel::realtime
