// SPDX-License-Identifier: Apache-2.0
// Outgoing webhooks: a signed HTTP POST to a configured target.
#pragma once

#include "core/clock.hpp"
#include "outbox/outbox_channel.hpp"
#include "outbox/outbox_options.hpp"
#include "outbox/webhook_allow_list.hpp"

#include <map>
#include <string>

namespace orbita::kernel::outbox {

/// Channel "webhook". Payload: {"target": "<configured name>", "body": <any JSON>}, or
/// {"url": "https://...", "body": ...} for a URL whose host is allow-listed
/// (`outbox.webhooks.allowed_hosts`, checked when the message is written and again
/// before each delivery). URL messages are signed with `outbox.webhooks.url_secret`
/// when one is configured and sent unsigned otherwise.
///
/// The body is POSTed as compact JSON with
///   X-Orbita-Timestamp: <Unix seconds>
///   X-Orbita-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>
///   Idempotency-Key, X-Orbita-Delivery (message id), X-Orbita-Attempt.
/// The timestamp is signed so a receiver can refuse replays of old deliveries. A 2xx
/// answer delivers; 408, 429, 5xx and network errors are retried; any other status
/// is a refusal that retrying cannot fix (the message fails at once).
class WebhookChannel final : public OutboxChannel {
public:
    WebhookChannel(const OutboxOptions& options, const Clock& clock)
        : targets_(options.webhook_targets), allowed_(options.webhook_allowed_hosts),
          url_secret_(options.webhook_url_secret), clock_(clock) {}

    std::string name() const override { return "webhook"; }
    std::vector<FieldError> validate(const nlohmann::json& payload) const override;
    void deliver(const OutboxMessage& message, int attempt) const override;

private:
    /// Where `message` goes: its configured target, or its allow-listed URL.
    WebhookTarget destination(const OutboxMessage& message, std::string& name) const;

    std::map<std::string, WebhookTarget> targets_;
    WebhookAllowList allowed_;
    std::string url_secret_;
    const Clock& clock_;
};

}  // namespace orbita::kernel::outbox
