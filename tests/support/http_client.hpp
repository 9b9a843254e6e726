// SPDX-License-Identifier: Apache-2.0
// A small HTTP client for tests: real requests over loopback with Poco.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace orbita::test {

/// A received answer.
struct HttpResponse {
    int status = 0;
    std::map<std::string, std::string> headers;  ///< header names lower-cased
    std::string body;

    nlohmann::json json() const;
    std::string header(const std::string& name) const;
};

/// Sends requests to one server, keeping the connection alive between them.
class HttpClient {
public:
    /// `bearer`, when not empty, is sent as `Authorization: Bearer ...` unless a request
    /// sets its own Authorization header.
    explicit HttpClient(int port, std::string bearer = "", std::string host = "127.0.0.1");

    HttpResponse request(const std::string& method, const std::string& path, const std::string& body = "",
                         const std::vector<std::pair<std::string, std::string>>& headers = {},
                         const std::string& content_type = "application/json");
    HttpResponse get(const std::string& path) { return request("GET", path); }
    HttpResponse post(const std::string& path, const nlohmann::json& body) { return request("POST", path, body.dump()); }
    HttpResponse patch(const std::string& path, const nlohmann::json& body,
                       const std::vector<std::pair<std::string, std::string>>& headers = {}) {
        return request("PATCH", path, body.dump(), headers);
    }
    HttpResponse put(const std::string& path, const nlohmann::json& body) { return request("PUT", path, body.dump()); }
    HttpResponse del(const std::string& path) { return request("DELETE", path); }

    /// Percent-encodes a query value.
    static std::string encode(const std::string& value);

private:
    int port_;
    std::string bearer_;
    std::string host_;
};

}  // namespace orbita::test
