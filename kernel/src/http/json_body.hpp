// SPDX-License-Identifier: Apache-2.0
// Parsing request bodies as JSON with a nesting limit.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace orbita::kernel::http {

/// Deepest nesting of arrays/objects in `text`, found without parsing (strings and
/// escapes are skipped). Lets the server refuse a hostile body before nlohmann
/// recurses into it.
std::size_t json_nesting_depth(const std::string& text);

/// Parses `text`; throws a 400 Problem naming the line and column of a syntax error,
/// or the limit when the document nests deeper than `max_depth`.
nlohmann::json parse_json_body(const std::string& text, std::size_t max_depth);

}  // namespace orbita::kernel::http
