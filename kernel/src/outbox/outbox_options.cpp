// SPDX-License-Identifier: Apache-2.0
#include "outbox/outbox_options.hpp"

namespace orbita::kernel::outbox {

OutboxOptions OutboxOptions::from_config(const nlohmann::json& document) {
    OutboxOptions o;
    const auto section = document.value("outbox", nlohmann::json::object());
    const auto webhooks = section.value("webhooks", nlohmann::json::object());
    const auto targets = webhooks.value("targets", nlohmann::json::object());
    o.webhook_allowed_hosts = webhooks.value("allowed_hosts", std::vector<std::string>{});
    o.webhook_url_secret = webhooks.value("url_secret", "");
    for (const auto& [name, t] : targets.items()) {
        o.webhook_targets[name] = {t.value("url", ""), t.value("secret", ""),
                                   std::chrono::milliseconds(t.value("timeout_ms", 10000))};
    }
    const auto smtp = section.value("smtp", nlohmann::json::object());
    o.smtp.host = smtp.value("host", "");
    o.smtp.starttls = smtp.value("starttls", false);
    o.smtp.port = smtp.value("port", o.smtp.starttls ? 587 : 25);
    o.smtp.user = smtp.value("user", "");
    o.smtp.password = smtp.value("password", "");
    o.smtp.from = smtp.value("from", o.smtp.from);
    o.smtp.timeout = std::chrono::milliseconds(smtp.value("timeout_ms", 30000));
    o.smtp.verify_certificate = smtp.value("verify_certificate", true);
    return o;
}

}  // namespace orbita::kernel::outbox
