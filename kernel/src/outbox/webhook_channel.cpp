// SPDX-License-Identifier: Apache-2.0
#include "outbox/webhook_channel.hpp"

#include "app/version.hpp"
#include "core/hmac.hpp"
#include "jobs/job_handler_registry.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/URI.h>

#include <memory>
#include <sstream>

namespace orbita::kernel::outbox {

namespace {

constexpr std::size_t kMaxErrorBody = 300;

std::unique_ptr<Poco::Net::HTTPClientSession> open_session(const Poco::URI& uri) {
    if (uri.getScheme() == "https") {
        // System CAs, certificate and host name checked (VERIFY_RELAXED verifies the
        // peer when it presents a certificate, which an HTTPS server always does).
        static const Poco::Net::Context::Ptr context =
            new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "", Poco::Net::Context::VERIFY_RELAXED, 9, true);
        return std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), context);
    }
    return std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
}

}  // namespace

std::vector<FieldError> WebhookChannel::validate(const nlohmann::json& payload) const {
    std::vector<FieldError> errors;
    if (!payload.is_object()) return {{"payload", "invalid_type", "must be an object {target or url, body}"}};
    const auto target = payload.find("target");
    const auto url = payload.find("url");
    if (target != payload.end() && url != payload.end()) {
        errors.push_back({"url", "conflict", "a webhook message names a target or a URL, not both"});
    } else if (url != payload.end()) {
        if (!url->is_string()) {
            errors.push_back({"url", "invalid_type", "must be an http:// or https:// URL"});
        } else if (auto refusal = allowed_.refusal(url->get<std::string>())) {
            errors.push_back({"url", "not_allowed", *refusal});
        }
    } else if (target == payload.end() || !target->is_string()) {
        errors.push_back({"target", "required", "names a configured webhook target (outbox.webhooks.targets)"});
    } else if (!targets_.count(target->get<std::string>())) {
        errors.push_back({"target", "unknown_target", "no webhook target '" + target->get<std::string>() + "' is configured"});
    }
    if (!payload.contains("body")) errors.push_back({"body", "required", "the JSON document to POST"});
    for (const auto& [key, value] : payload.items()) {
        if (key != "target" && key != "url" && key != "body")
            errors.push_back({key, "unknown_field", "webhook messages have only target or url, and body"});
    }
    return errors;
}

WebhookTarget WebhookChannel::destination(const OutboxMessage& message, std::string& name) const {
    if (message.payload.contains("url")) {
        const auto url = message.payload.value("url", "");
        // The allow-list was narrowed since the message was written: an administrator's
        // decision that retrying will not change.
        if (auto refusal = allowed_.refusal(url)) throw jobs::PermanentJobError("webhook to " + url + ": " + *refusal);
        name = Poco::URI(url).getHost();
        return {url, url_secret_, std::chrono::milliseconds(10000)};
    }
    name = message.payload.value("target", "");
    const auto it = targets_.find(name);
    // The configuration changed since the message was written: retrying after the
    // administrator restores the target may still deliver it, so this is not permanent.
    if (it == targets_.end()) throw std::runtime_error("webhook target '" + name + "' is not configured on this node");
    return it->second;
}

void WebhookChannel::deliver(const OutboxMessage& message, int attempt) const {
    std::string name;
    const WebhookTarget target = destination(message, name);

    const std::string body = message.payload["body"].dump();
    const std::string timestamp = std::to_string(
        std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count());
    const Poco::URI uri(target.url);
    try {
        auto session = open_session(uri);
        session->setTimeout(Poco::Timespan(std::chrono::duration_cast<std::chrono::microseconds>(target.timeout).count()));
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, uri.getPathAndQuery().empty() ? "/" : uri.getPathAndQuery(),
                                       Poco::Net::HTTPMessage::HTTP_1_1);
        request.setContentType("application/json");
        request.setContentLength(static_cast<std::streamsize>(body.size()));
        request.set("User-Agent", std::string("Orbita/") + kOrbitaVersion);
        request.set("X-Orbita-Timestamp", timestamp);
        if (!target.secret.empty())
            request.set("X-Orbita-Signature", "sha256=" + hmac_sha256_hex(target.secret, timestamp + "." + body));
        request.set("Idempotency-Key", message.idempotency_key);
        request.set("X-Orbita-Delivery", std::to_string(message.id));
        request.set("X-Orbita-Attempt", std::to_string(attempt));
        session->sendRequest(request) << body;
        Poco::Net::HTTPResponse response;
        std::istream& in = session->receiveResponse(response);
        std::string answer(kMaxErrorBody, '\0');
        in.read(answer.data(), static_cast<std::streamsize>(answer.size()));
        answer.resize(static_cast<std::size_t>(in.gcount()));
        const int status = response.getStatus();
        if (status >= 200 && status < 300) return;
        const std::string error = "webhook " + name + " answered HTTP " + std::to_string(status) + ": " + answer;
        if (status == 408 || status == 429 || status >= 500) throw std::runtime_error(error);
        throw jobs::PermanentJobError(error);
    } catch (const Poco::Exception& e) {
        throw std::runtime_error("webhook " + name + " (" + uri.getHost() + "): " + e.displayText());
    }
}

}  // namespace orbita::kernel::outbox
