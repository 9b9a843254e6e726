// SPDX-License-Identifier: Apache-2.0
// The Poco HTTP server: routing, identity, problem+json errors, gzip, metrics, access log.
#pragma once

#include "http/admission_gate.hpp"
#include "http/authenticator.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

#include <memory>
#include <string>

namespace Poco {
class ThreadPool;
namespace Net {
class HTTPServer;
}
}  // namespace Poco

namespace orbita::kernel::http {

/// Server options (config section `http`). Poco serves each keep-alive connection on
/// one pool thread for its whole life, so `max_threads` must exceed the number of
/// concurrent clients; keep-alive is bounded so idle clients give threads back.
struct HttpOptions {
    std::string host = "127.0.0.1";
    int port = 8080;
    int max_threads = 256;
    int max_queued = 2048;
    int keep_alive_timeout_s = 15;
    int keep_alive_max_requests = 100000;
    std::size_t max_body_bytes = 10 * 1024 * 1024;
    std::size_t max_json_depth = 32;
    std::size_t gzip_min_bytes = 1024;
    bool access_log = true;
    /// Read handlers (GET, HEAD) running at once (AdmissionGate); 0 picks the CPU count plus
    /// one, -1 disables. Writes pass without a slot.
    int max_active_requests = 0;
    /// How long a request waits for a handler slot before it runs anyway.
    int admission_patience_ms = 50;
};

class HttpServer {
public:
    HttpServer(HttpOptions options, Router& router, Metrics& metrics, Authenticator& authenticator);
    ~HttpServer();

    /// Binds and starts serving; throws if the address is taken.
    void start();
    /// Stops accepting and waits for in-flight requests.
    void stop();
    /// The bound port (useful when configured with 0).
    int port() const { return bound_port_; }

private:
    class Handler;
    class Factory;

    HttpOptions options_;
    Router& router_;
    Metrics& metrics_;
    Authenticator& authenticator_;
    AdmissionGate gate_;
    std::unique_ptr<Poco::ThreadPool> pool_;
    std::unique_ptr<Poco::Net::HTTPServer> server_;
    int bound_port_ = 0;
};

}  // namespace orbita::kernel::http
