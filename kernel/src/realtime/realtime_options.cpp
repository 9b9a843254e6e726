// SPDX-License-Identifier: Apache-2.0
#include "realtime/realtime_options.hpp"

namespace orbita::kernel::realtime {

RealtimeOptions RealtimeOptions::from_config(const nlohmann::json& document) {
    RealtimeOptions o;
    const auto section = document.value("realtime", nlohmann::json::object());
    o.max_connections = section.value("max_connections", o.max_connections);
    o.max_subscriptions = section.value("max_subscriptions", o.max_subscriptions);
    o.max_message_bytes = section.value("max_message_bytes", o.max_message_bytes);
    o.max_queued_events = section.value("max_queued_events", o.max_queued_events);
    o.ping_interval = std::chrono::milliseconds(section.value("ping_interval_ms", o.ping_interval.count()));
    o.session_check = std::chrono::milliseconds(section.value("session_check_ms", o.session_check.count()));
    o.send_timeout = std::chrono::milliseconds(section.value("send_timeout_ms", o.send_timeout.count()));
    return o;
}

}  // namespace orbita::kernel::realtime
