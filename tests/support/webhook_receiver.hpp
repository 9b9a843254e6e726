// SPDX-License-Identifier: Apache-2.0
// A local HTTP server that receives webhooks and checks their signatures.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace Poco::Net {
class HTTPServer;
}

namespace orbita::test {

/// One POST as received.
struct ReceivedWebhook {
    std::string path;
    std::map<std::string, std::string> headers;  ///< names lower-cased
    std::string body;
    bool signature_valid = false;  ///< X-Orbita-Signature matches HMAC(secret, timestamp.body)
};

/// Listens on 127.0.0.1 (ephemeral port), records every request and answers with the
/// next queued status (200 once the queue is empty).
class WebhookReceiver {
public:
    explicit WebhookReceiver(std::string secret);
    ~WebhookReceiver();

    int port() const { return port_; }
    std::string url(const std::string& path = "/hook") const;
    /// Statuses for the next requests, in order.
    void answer_next(std::vector<int> statuses);
    std::vector<ReceivedWebhook> received() const;

    // Called by the request handler.
    int record(ReceivedWebhook request);
    const std::string& secret() const { return secret_; }

private:
    std::string secret_;
    std::unique_ptr<Poco::Net::HTTPServer> server_;
    int port_ = 0;
    mutable std::mutex mutex_;
    std::vector<int> statuses_;
    std::vector<ReceivedWebhook> received_;
};

}  // namespace orbita::test
