// SPDX-License-Identifier: Apache-2.0
// What a handler answers: status, content type, headers and body.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace orbita::kernel::http {

/// A complete answer. Large downloads use `stream` instead of `body`.
struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    /// When set, writes the body itself (file downloads); `content_length` must be set.
    std::function<void(std::ostream&)> stream;
    std::int64_t content_length = -1;

    static Response json(int status, const nlohmann::json& document) {
        Response r;
        r.status = status;
        r.body = document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return r;
    }
    static Response json(const nlohmann::json& document) { return json(200, document); }
    static Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8") {
        Response r;
        r.status = status;
        r.body = std::move(body);
        r.content_type = std::move(content_type);
        return r;
    }
    static Response no_content() {
        Response r;
        r.status = 204;
        r.content_type.clear();
        return r;
    }
};

}  // namespace orbita::kernel::http
