// SPDX-License-Identifier: Apache-2.0
#include "http/json_body.hpp"

#include "core/problem.hpp"

namespace orbita::kernel::http {

std::size_t json_nesting_depth(const std::string& text) {
    std::size_t depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            deepest = std::max(deepest, ++depth);
        } else if ((c == '}' || c == ']') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

nlohmann::json parse_json_body(const std::string& text, std::size_t max_depth) {
    if (text.empty()) throw Problem::bad_request("the request body is empty; send a JSON document");
    const std::size_t depth = json_nesting_depth(text);
    if (depth > max_depth) {
        throw Problem(400, "json-too-deep", "Bad request",
                      "the JSON body nests " + std::to_string(depth) + " levels deep; the limit is " +
                          std::to_string(max_depth));
    }
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        std::string what = e.what();
        auto pos = what.find("parse error");
        throw Problem(400, "malformed-json", "Bad request",
                      "the body is not valid JSON: " + (pos == std::string::npos ? what : what.substr(pos)),
                      {}, {{"byte", e.byte}});
    }
}

}  // namespace orbita::kernel::http
