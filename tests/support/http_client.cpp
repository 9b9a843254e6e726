// SPDX-License-Identifier: Apache-2.0
#include "support/http_client.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <sstream>

namespace orbita::test {

nlohmann::json HttpResponse::json() const { return nlohmann::json::parse(body); }

std::string HttpResponse::header(const std::string& name) const {
    std::string key = name;
    for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto it = headers.find(key);
    return it == headers.end() ? "" : it->second;
}

HttpClient::HttpClient(int port, std::string bearer, std::string host)
    : port_(port), bearer_(std::move(bearer)), host_(std::move(host)) {}

std::string HttpClient::encode(const std::string& value) {
    std::string out;
    Poco::URI::encode(value, "!#$&'()*+,/:;=?@[]", out);
    return out;
}

HttpResponse HttpClient::request(const std::string& method, const std::string& path, const std::string& body,
                                 const std::vector<std::pair<std::string, std::string>>& headers,
                                 const std::string& content_type) {
    Poco::Net::HTTPClientSession session(host_, static_cast<Poco::UInt16>(port_));
    session.setTimeout(Poco::Timespan(60, 0));
    Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    if (!bearer_.empty()) req.set("Authorization", "Bearer " + bearer_);
    for (const auto& [k, v] : headers) req.set(k, v);
    if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT") {
        req.setContentType(content_type);
        req.setContentLength64(static_cast<Poco::UInt64>(body.size()));
        session.sendRequest(req) << body;
    } else {
        session.sendRequest(req);
    }
    Poco::Net::HTTPResponse res;
    std::istream& in = session.receiveResponse(res);
    HttpResponse out;
    out.status = static_cast<int>(res.getStatus());
    for (const auto& [k, v] : res) {
        std::string key = k;
        for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out.headers[key] = v;
    }
    std::ostringstream data;
    Poco::StreamCopier::copyStream(in, data);
    out.body = data.str();
    return out;
}

}  // namespace orbita::test
