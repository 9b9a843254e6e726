// SPDX-License-Identifier: Apache-2.0
// GET /api/v1/ws: the WebSocket endpoint.
#pragma once

#include "realtime/realtime_options.hpp"

namespace orbita::kernel::http {
class Authenticator;
class Router;
}  // namespace orbita::kernel::http
namespace orbita::kernel::acl {
class ProfileCache;
}
namespace orbita::kernel::events {
class EventBus;
}
namespace orbita::kernel::records {
class RecordRepository;
}

namespace orbita::kernel::realtime {

/// Registers the WebSocket route with its hub, which the route keeps (it lives as long
/// as the router). The handshake needs the identity an HTTP request would (session
/// cookie or API token); a browser's handshake from another origin is refused (403),
/// since a cookie alone would otherwise let any site listen in.
void register_realtime_api(http::Router& router, events::EventBus& events, records::RecordRepository& records,
                           http::Authenticator& authenticator, acl::ProfileCache& profiles, RealtimeOptions options);

}  // namespace orbita::kernel::realtime
