// SPDX-License-Identifier: Apache-2.0
#include "http/request.hpp"

#include "core/problem.hpp"
#include "http/json_body.hpp"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Net/NameValueCollection.h>

#include <charconv>

namespace orbita::kernel::http {

Request::Request(Poco::Net::HTTPServerRequest& raw, std::string path, records::QueryParams query,
                 std::string request_id, std::size_t max_body_bytes, std::size_t max_json_depth)
    : raw_(raw),
      path_(std::move(path)),
      query_(std::move(query)),
      request_id_(std::move(request_id)),
      max_body_bytes_(max_body_bytes),
      max_json_depth_(max_json_depth) {}

const std::string& Request::method() const { return raw_.getMethod(); }

std::optional<std::string> Request::query_param(const std::string& name) const {
    for (const auto& [k, v] : query_) {
        if (k == name) return v;
    }
    return std::nullopt;
}

std::string Request::header(const std::string& name) const { return raw_.get(name, ""); }

std::string Request::cookie(const std::string& name) const {
    Poco::Net::NameValueCollection cookies;
    raw_.getCookies(cookies);
    return cookies.get(name, "");
}

std::string Request::client_address() const { return raw_.clientAddress().host().toString(); }


const std::string& Request::param(const std::string& name) const {
    static const std::string empty;
    auto it = params_.find(name);
    return it == params_.end() ? empty : it->second;
}

std::int64_t Request::id_param(const std::string& name) const {
    const std::string& text = param(name);
    std::int64_t id = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || ptr != text.data() + text.size() || id <= 0)
        throw Problem::not_found("'" + text.substr(0, 40) + "' is not a record id");
    return id;
}

std::int64_t Request::content_length() const {
    return raw_.hasContentLength() ? static_cast<std::int64_t>(raw_.getContentLength64()) : -1;
}

std::string Request::content_type() const { return raw_.getContentType(); }

std::istream& Request::body_stream() {
    streamed_ = true;
    return raw_.stream();
}

const std::string& Request::body() {
    if (body_) return *body_;
    const auto declared = content_length();
    auto too_large = [&] {
        return Problem::payload_too_large("the request body is larger than " + std::to_string(max_body_bytes_) +
                                          " bytes");
    };
    if (declared > static_cast<std::int64_t>(max_body_bytes_)) throw too_large();
    std::string data;
    if (declared > 0) data.reserve(static_cast<std::size_t>(declared));
    char buffer[16384];
    std::istream& in = raw_.stream();
    while (in) {
        in.read(buffer, sizeof buffer);
        data.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (data.size() > max_body_bytes_) throw too_large();
    }
    body_ = std::move(data);
    return *body_;
}

nlohmann::json Request::json_body() {
    const std::string type = content_type();
    if (!type.empty() && type.find("json") == std::string::npos)
        throw Problem::unsupported_media_type("send the body as application/json, not " + type);
    return parse_json_body(body(), max_json_depth_);
}

}  // namespace orbita::kernel::http

namespace orbita::kernel::http {

bool Request::body_consumed() const {
    if (body_) return true;
    // A streaming handler may stop early (e.g. on a size limit): only an exhausted
    // stream leaves the connection reusable.
    return streamed_ && raw_.stream().peek() == std::char_traits<char>::eof();
}

}  // namespace orbita::kernel::http
