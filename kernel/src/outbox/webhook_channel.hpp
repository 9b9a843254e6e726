// SPDX-License-Identifier: Apache-2.0
// Outgoing webhooks: a signed HTTP POST to a configured target.
#pragma once

#include "core/clock.hpp"
#include "outbox/outbox_channel.hpp"
#include "outbox/outbox_options.hpp"

#include <map>
#include <string>

namespace orbita::kernel::outbox {

/// Channel "webhook". Payload: {"target": "<configured name>", "body": <any JSON>}.
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
    WebhookChannel(std::map<std::string, WebhookTarget> targets, const Clock& clock)
        : targets_(std::move(targets)), clock_(clock) {}

    std::string name() const override { return "webhook"; }
    std::vector<FieldError> validate(const nlohmann::json& payload) const override;
    void deliver(const OutboxMessage& message, int attempt) const override;

private:
    std::map<std::string, WebhookTarget> targets_;
    const Clock& clock_;
};

}  // namespace orbita::kernel::outbox
