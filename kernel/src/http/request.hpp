// SPDX-License-Identifier: Apache-2.0
// One HTTP request as handlers see it: decoded path parameters, query and body.
#pragma once

#include "core/actor.hpp"
#include "records/list_query.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <istream>
#include <map>
#include <optional>
#include <string>

namespace Poco::Net {
class HTTPServerRequest;
}

namespace orbita::kernel::http {

/// Read-only view of a request. The body is read on first use, within the route's
/// size limit (413 beyond it); streaming routes read `body_stream()` themselves.
class Request {
public:
    Request(Poco::Net::HTTPServerRequest& raw, std::string path, records::QueryParams query, std::string request_id,
            std::size_t max_body_bytes, std::size_t max_json_depth);

    const std::string& method() const;
    const std::string& path() const { return path_; }
    const records::QueryParams& query() const { return query_; }
    /// The first value of a query parameter.
    std::optional<std::string> query_param(const std::string& name) const;
    /// A header value, empty when absent.
    std::string header(const std::string& name) const;
    /// A cookie value, empty when absent.
    std::string cookie(const std::string& name) const;
    const std::string& request_id() const { return request_id_; }
    /// The address of the peer (proxy headers are not trusted here).
    std::string client_address() const;

    /// A `{name}` segment of the route pattern.
    const std::string& param(const std::string& name) const;
    /// A `{name}` segment that must be a positive integer id (404 otherwise).
    std::int64_t id_param(const std::string& name) const;
    std::map<std::string, std::string>& params() { return params_; }

    /// The whole body as text (413 past the limit).
    const std::string& body();
    /// The body parsed as JSON: 400 if malformed or nested deeper than the limit,
    /// 415 if the content type says it is not JSON.
    nlohmann::json json_body();
    /// The raw body stream, for uploads; the caller enforces the size limit.
    std::istream& body_stream();
    /// Declared Content-Length, or -1 when unknown (chunked).
    std::int64_t content_length() const;
    std::string content_type() const;
    std::size_t max_body_bytes() const { return max_body_bytes_; }
    /// True once the body was read whole (or handed to a streaming handler).
    bool body_consumed() const;

    /// The authenticated identity; set by the server before the handler runs.
    const Actor& actor() const { return actor_; }
    void set_actor(Actor actor) { actor_ = std::move(actor); }

private:
    Poco::Net::HTTPServerRequest& raw_;
    std::string path_;
    records::QueryParams query_;
    std::string request_id_;
    std::size_t max_body_bytes_;
    std::size_t max_json_depth_;
    std::map<std::string, std::string> params_;
    std::optional<std::string> body_;
    bool streamed_ = false;
    Actor actor_;
};

}  // namespace orbita::kernel::http
