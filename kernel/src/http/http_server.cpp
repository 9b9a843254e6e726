// SPDX-License-Identifier: Apache-2.0
#include "http/http_server.hpp"

#include "core/problem.hpp"
#include "http/gzip.hpp"
#include "log/request_context.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

namespace orbita::kernel::http {

namespace {

std::string new_request_id() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    static const char* hex = "0123456789abcdef";
    std::string id(16, '0');
    auto v = rng();
    for (auto& c : id) {
        c = hex[v & 15];
        v >>= 4;
    }
    return id;
}

// A client-supplied id is kept only if it is short and plain, so it cannot forge log lines.
std::string request_id_of(const Poco::Net::HTTPServerRequest& raw) {
    const std::string given = raw.get("X-Request-Id", "");
    if (given.empty() || given.size() > 64) return new_request_id();
    for (char c : given) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return new_request_id();
    }
    return given;
}

Response problem_response(const Problem& p, const std::string& path, const std::string& request_id) {
    Response r = Response::json(p.status(), p.to_json(path, request_id));
    r.content_type = "application/problem+json";
    return r;
}

int active_slots(int configured) {
    if (configured != 0) return configured;
    // One handler per core plus one waiting on I/O: measured best for GET by id on 2 cores
    // (scripts/bench-records.sh, README "Benchmarks").
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())) + 1;
}

}  // namespace

class HttpServer::Handler final : public Poco::Net::HTTPRequestHandler {
public:
    explicit Handler(HttpServer& server) : server_(server) {}

    void handleRequest(Poco::Net::HTTPServerRequest& raw, Poco::Net::HTTPServerResponse& out) override {
        const auto started = std::chrono::steady_clock::now();
        const std::string request_id = request_id_of(raw);
        log::RequestScope scope(request_id);

        std::string path = "/";
        records::QueryParams query;
        Response response;
        const Route* route = nullptr;
        std::unique_ptr<Request> request;
        try {
            Poco::URI uri(raw.getURI());
            path = uri.getPath().empty() ? "/" : uri.getPath();
            for (auto& [k, v] : uri.getQueryParameters()) query.emplace_back(k, v);
            request = std::make_unique<Request>(raw, path, std::move(query), request_id,
                                                server_.options_.max_body_bytes, server_.options_.max_json_depth);
            Match match = server_.router_.match(raw.getMethod(), path, request->params());
            route = match.route;
            if (!route && match.path_known) {
                std::string allow;
                for (const auto& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
                response = problem_response(Problem(405, "method-not-allowed", "Method not allowed",
                                                    raw.getMethod() + " is not supported here; use " + allow),
                                            path, request_id);
                response.headers.emplace_back("Allow", allow);
            } else if (!route) {
                response = fallback_or_404(raw.getMethod(), path, request_id);
            } else {
                // Reads queue at the gate; writes do not: they wait for the single
                // SQLite writer anyway, and the group commit needs many of them waiting
                // at once to share a commit.
                const bool read = (raw.getMethod() == "GET" || raw.getMethod() == "HEAD") && !route->upgrade;
                const auto pass = read ? server_.gate_.enter() : server_.gate_.bypass();
                if (!route->public_access) {
                    auto actor = server_.authenticator_.authenticate(*request);
                    if (!actor) throw Problem::unauthorized("sign in or send an API token to use this endpoint");
                    request->set_actor(std::move(*actor));
                }
                if (route->upgrade) {
                    route->upgrade(*request, raw, out);
                    log_upgraded(raw.getMethod(), path, started);
                    return;
                }
                response = route->handler(*request);
            }
        } catch (const Problem& p) {
            response = problem_response(p, path, request_id);
        } catch (const std::exception& e) {
            spdlog::error("unhandled error in {} {}: {}", raw.getMethod(), path, e.what());
            response = problem_response(Problem(500, "internal-error", "Internal server error",
                                                "the server failed to answer; quote request id " + request_id +
                                                    " when reporting it"),
                                        path, request_id);
        }
        send(raw, out, response, request.get(), request_id);

        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (route) {
            Counter* c = response.status >= 500 ? route->requests_5xx
                         : response.status >= 400 ? route->requests_4xx
                                                  : route->requests_2xx;
            c->add();
            route->latency->observe(seconds);
        }
        if (server_.options_.access_log) {
            spdlog::info("{} {} {} {:.2f}ms", raw.getMethod(), path, response.status, seconds * 1000.0);
        }
    }

private:
    // An upgraded connection answered itself; only its life time is logged.
    void log_upgraded(const std::string& method, const std::string& path, std::chrono::steady_clock::time_point started) {
        if (!server_.options_.access_log) return;
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        spdlog::info("{} {} 101 {:.2f}ms (connection closed)", method, path, seconds * 1000.0);
    }

    Response fallback_or_404(const std::string& method, const std::string& path, const std::string& request_id) {
        const auto& fallback = server_.router_.fallback();
        if (fallback && (method == "GET" || method == "HEAD") && path.rfind("/api/", 0) != 0) {
            if (auto answer = fallback(path)) return std::move(*answer);
        }
        return problem_response(Problem::not_found("no such endpoint: " + path), path, request_id);
    }

    void send(Poco::Net::HTTPServerRequest& raw, Poco::Net::HTTPServerResponse& out, Response& response,
              Request* request, const std::string& request_id) {
        try {
            // A body the handler did not read would be parsed as the next request on
            // this keep-alive connection: drain small ones, close on large ones.
            const std::int64_t length = raw.hasContentLength() ? static_cast<std::int64_t>(raw.getContentLength64()) : -1;
            const bool consumed = request && request->body_consumed();
            if (!consumed && (length > 0 || raw.getChunkedTransferEncoding())) {
                if (length > 0 && length <= 1024 * 1024) {
                    raw.stream().ignore(length);
                } else {
                    out.setKeepAlive(false);
                }
            }
            out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
            out.set("X-Request-Id", request_id);
            out.set("X-Content-Type-Options", "nosniff");
            for (const auto& [k, v] : response.headers) out.set(k, v);
            if (!response.content_type.empty()) out.setContentType(response.content_type);
            if (response.stream) {
                out.setContentLength64(response.content_length);
                std::ostream& os = out.send();
                if (raw.getMethod() != "HEAD") response.stream(os);
                return;
            }
            if (response.body.size() >= server_.options_.gzip_min_bytes && is_compressible(response.content_type) &&
                accepts_gzip(raw.get("Accept-Encoding", ""))) {
                response.body = gzip_compress(response.body);
                out.set("Content-Encoding", "gzip");
                out.set("Vary", "Accept-Encoding");
            }
            out.setContentLength64(static_cast<Poco::UInt64>(response.body.size()));
            std::ostream& os = out.send();
            if (raw.getMethod() != "HEAD") os.write(response.body.data(), static_cast<std::streamsize>(response.body.size()));
        } catch (const std::exception& e) {
            spdlog::debug("could not send the response: {}", e.what());
        }
    }

    HttpServer& server_;
};

class HttpServer::Factory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit Factory(HttpServer& server) : server_(server) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new Handler(server_);
    }

private:
    HttpServer& server_;
};

HttpServer::HttpServer(HttpOptions options, Router& router, Metrics& metrics, Authenticator& authenticator)
    : options_(std::move(options)),
      router_(router),
      metrics_(metrics),
      authenticator_(authenticator),
      gate_(active_slots(options_.max_active_requests), std::chrono::milliseconds(options_.admission_patience_ms)) {}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() {
    Poco::Net::ServerSocket socket;
    // SO_REUSEADDR lets a restarted server bind while old connections sit in TIME_WAIT.
    // Not SO_REUSEPORT (Poco's one-argument bind(addr, true) sets both): with it a
    // second server on the same port starts without error and the kernel splits the
    // connections between the two.
    socket.bind(Poco::Net::SocketAddress(options_.host, static_cast<Poco::UInt16>(options_.port)),
                /*reuseAddress=*/true, /*reusePort=*/false);
    socket.listen(1024);
    bound_port_ = socket.address().port();

    auto* params = new Poco::Net::HTTPServerParams();
    params->setMaxThreads(options_.max_threads);
    params->setMaxQueued(options_.max_queued);
    params->setKeepAlive(true);
    params->setMaxKeepAliveRequests(options_.keep_alive_max_requests);
    params->setKeepAliveTimeout(Poco::Timespan(options_.keep_alive_timeout_s, 0));
    params->setTimeout(Poco::Timespan(60, 0));
    pool_ = std::make_unique<Poco::ThreadPool>("http", 2, options_.max_threads, 60);
    server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(*this), *pool_, socket, params);
    server_->start();
}

void HttpServer::stop() {
    if (!server_) return;
    server_->stopAll(true);
    server_.reset();
    pool_->joinAll();
    pool_.reset();
}

}  // namespace orbita::kernel::http
