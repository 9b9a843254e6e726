// SPDX-License-Identifier: Apache-2.0
#include "support/webhook_receiver.hpp"

#include "core/hmac.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

#include <algorithm>

namespace orbita::test {

namespace {

class Handler : public Poco::Net::HTTPRequestHandler {
public:
    explicit Handler(WebhookReceiver& owner) : owner_(owner) {}
    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
        ReceivedWebhook r;
        r.path = request.getURI();
        for (const auto& [name, value] : request) {
            std::string key = name;
            std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
            r.headers[key] = value;
        }
        Poco::StreamCopier::copyToString(request.stream(), r.body);
        // Verified independently of the sender's code path: recompute and compare.
        const auto ts = r.headers["x-orbita-timestamp"];
        r.signature_valid =
            r.headers["x-orbita-signature"] == "sha256=" + kernel::hmac_sha256_hex(owner_.secret(), ts + "." + r.body);
        response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(owner_.record(std::move(r))));
        response.setContentType("text/plain");
        response.send() << "ok";
    }

private:
    WebhookReceiver& owner_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit Factory(WebhookReceiver& owner) : owner_(owner) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new Handler(owner_);
    }

private:
    WebhookReceiver& owner_;
};

}  // namespace

WebhookReceiver::WebhookReceiver(std::string secret) : secret_(std::move(secret)) {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    port_ = socket.address().port();
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(4);
    server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(*this), socket, params);
    server_->start();
}

WebhookReceiver::~WebhookReceiver() { server_->stopAll(true); }

std::string WebhookReceiver::url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

void WebhookReceiver::answer_next(std::vector<int> statuses) {
    std::lock_guard lock(mutex_);
    statuses_ = std::move(statuses);
}

std::vector<ReceivedWebhook> WebhookReceiver::received() const {
    std::lock_guard lock(mutex_);
    return received_;
}

int WebhookReceiver::record(ReceivedWebhook request) {
    std::lock_guard lock(mutex_);
    received_.push_back(std::move(request));
    if (statuses_.empty()) return 200;
    const int status = statuses_.front();
    statuses_.erase(statuses_.begin());
    return status;
}

}  // namespace orbita::test
