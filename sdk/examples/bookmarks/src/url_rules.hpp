// SPDX-License-Identifier: Apache-2.0
// Pure URL logic of the bookmarks plugin: no kernel, testable on its own.
#pragma once

#include <orbita/sdk/result.hpp>

#include <string>
#include <vector>

namespace orbita::plugins::bookmarks {

/// Lower-cases the scheme and host, drops a trailing slash after the host, and refuses
/// URLs without a host or with a scheme outside `allowed_schemes`.
sdk::Result<std::string> normalize_url(const std::string& url, const std::vector<std::string>& allowed_schemes);

}  // namespace orbita::plugins::bookmarks
