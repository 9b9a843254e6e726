// SPDX-License-Identifier: Apache-2.0
// E-mail over SMTP.
#pragma once

#include "outbox/outbox_channel.hpp"
#include "outbox/outbox_options.hpp"

namespace orbita::kernel::outbox {

/// Channel "email". Payload: {"to": ["a@b.ru", ...] (1..50), "subject": "...",
/// "text": "...", "from": optional sender (default smtp.from)}.
///
/// Sent through the configured SMTP server with Poco: EHLO, optionally STARTTLS (then
/// EHLO again) and AUTH LOGIN, MAIL FROM, RCPT TO, DATA. The text goes out as UTF-8
/// quoted-printable, the subject RFC 2047-encoded, and the Message-ID is derived from
/// the outbox message so a mail system can drop a duplicate delivery. SMTP 5xx
/// replies are refusals (the message fails at once); 4xx and network errors retry.
class EmailChannel final : public OutboxChannel {
public:
    explicit EmailChannel(SmtpOptions options) : options_(std::move(options)) {}

    std::string name() const override { return "email"; }
    std::vector<FieldError> validate(const nlohmann::json& payload) const override;
    void deliver(const OutboxMessage& message, int attempt) const override;

private:
    SmtpOptions options_;
};

}  // namespace orbita::kernel::outbox
