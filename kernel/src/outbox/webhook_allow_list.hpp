// SPDX-License-Identifier: Apache-2.0
// Which hosts a webhook may be sent to by URL (config `outbox.webhooks.allowed_hosts`).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace orbita::kernel::outbox {

/// Scripts may POST to a URL only when its host is allow-listed, so a script (or
/// whoever edits it) cannot send record data to an arbitrary address. Entries are
/// host names compared case-insensitively: "hooks.example.com" (that host),
/// "*.example.com" (any subdomain, not example.com itself), each optionally with
/// ":port" (then only that port; without it any port). The list is empty by default:
/// scripts may then only name configured targets.
class WebhookAllowList {
public:
    WebhookAllowList() = default;
    explicit WebhookAllowList(std::vector<std::string> entries);

    /// Why `url` may not be called (not http(s), no host, host not listed), or
    /// nullopt when it may.
    std::optional<std::string> refusal(const std::string& url) const;

private:
    struct Entry {
        std::string host;  ///< lower-case; without the "*." of a wildcard
        bool subdomains = false;
        int port = 0;  ///< 0: any
    };
    std::vector<Entry> entries_;
};

}  // namespace orbita::kernel::outbox
