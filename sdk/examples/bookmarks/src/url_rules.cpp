// SPDX-License-Identifier: Apache-2.0
#include "url_rules.hpp"

#include <algorithm>
#include <cctype>

namespace orbita::plugins::bookmarks {

namespace {
std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}
}  // namespace

sdk::Result<std::string> normalize_url(const std::string& url, const std::vector<std::string>& allowed_schemes) {
    const auto colon = url.find("://");
    if (colon == std::string::npos || colon == 0) return sdk::fail("invalid-url", "'" + url + "' has no scheme", 422);
    const auto scheme = lower(url.substr(0, colon));
    if (std::find(allowed_schemes.begin(), allowed_schemes.end(), scheme) == allowed_schemes.end())
        return sdk::fail("invalid-url", "scheme '" + scheme + "' is not allowed", 422);
    const auto host_start = colon + 3;
    const auto host_end = std::min(url.find('/', host_start), url.size());
    const auto host = lower(url.substr(host_start, host_end - host_start));
    if (host.empty()) return sdk::fail("invalid-url", "'" + url + "' has no host", 422);
    std::string rest = url.substr(host_end);
    if (rest == "/") rest.clear();
    return scheme + "://" + host + rest;
}

}  // namespace orbita::plugins::bookmarks
