// SPDX-License-Identifier: Apache-2.0
// Settings of the outbox channels (config section `outbox`).
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace orbita::kernel::outbox {

/// A named webhook receiver. The secret never leaves the configuration: it is not
/// stored with messages, logged or shown by the admin API.
struct WebhookTarget {
    std::string url;
    std::string secret;
    std::chrono::milliseconds timeout{10000};
};

/// The SMTP server e-mail is sent through.
struct SmtpOptions {
    std::string host;  ///< empty: e-mail is not configured
    int port = 25;
    bool starttls = false;
    std::string user;
    std::string password;
    std::string from = "orbita@localhost";
    std::chrono::milliseconds timeout{30000};
    bool verify_certificate = true;
};

struct OutboxOptions {
    std::map<std::string, WebhookTarget> webhook_targets;
    /// Hosts scripts may send webhooks to by URL (see WebhookAllowList).
    std::vector<std::string> webhook_allowed_hosts;
    /// Signs webhooks sent by URL; empty: they go unsigned.
    std::string webhook_url_secret;
    SmtpOptions smtp;

    /// Reads section `outbox` of the validated configuration document.
    static OutboxOptions from_config(const nlohmann::json& document);
};

}  // namespace orbita::kernel::outbox
