// SPDX-License-Identifier: Apache-2.0
#include "outbox/webhook_allow_list.hpp"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cctype>

namespace orbita::kernel::outbox {

namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

bool ends_with(const std::string& text, const std::string& suffix) {
    return text.size() > suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

WebhookAllowList::WebhookAllowList(std::vector<std::string> entries) {
    for (auto& raw : entries) {
        Entry e;
        std::string text = lower(raw);
        if (const auto colon = text.rfind(':'); colon != std::string::npos) {
            e.port = std::stoi(text.substr(colon + 1));  // the config schema admits digits only
            text.resize(colon);
        }
        if (text.rfind("*.", 0) == 0) {
            e.subdomains = true;
            text = text.substr(2);
        }
        e.host = std::move(text);
        entries_.push_back(std::move(e));
    }
}

std::optional<std::string> WebhookAllowList::refusal(const std::string& url) const {
    Poco::URI uri;
    try {
        uri = Poco::URI(url);
    } catch (const Poco::Exception& e) {
        return "'" + url + "' is not a URL: " + e.message();
    }
    const auto scheme = lower(uri.getScheme());
    if (scheme != "http" && scheme != "https") return "'" + url + "' is not an http:// or https:// URL";
    const auto host = lower(uri.getHost());
    if (host.empty()) return "'" + url + "' has no host";
    const int port = uri.getPort();
    const bool listed = std::any_of(entries_.begin(), entries_.end(), [&](const Entry& e) {
        const bool host_ok = e.subdomains ? ends_with(host, "." + e.host) : host == e.host;
        return host_ok && (e.port == 0 || e.port == port);
    });
    if (listed) return std::nullopt;
    return "host " + host + (uri.getSpecifiedPort() ? ":" + std::to_string(port) : "") +
           " is not allow-listed for webhooks (outbox.webhooks.allowed_hosts)";
}

}  // namespace orbita::kernel::outbox
