// SPDX-License-Identifier: Apache-2.0
#include "http/json_body.hpp"

#include "core/problem.hpp"

#include <catch2/catch.hpp>

using namespace orbita::kernel;
using http::json_nesting_depth;
using http::parse_json_body;

namespace {

// The Problem thrown by parse_json_body(text, depth).
Problem problem_of(const std::string& text, std::size_t depth = 32) {
    try {
        parse_json_body(text, depth);
    } catch (const Problem& p) {
        return p;
    }
    FAIL("no problem thrown for " << text);
    return Problem(0, "", "", "");
}

std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

}  // namespace

TEST_CASE("json_nesting_depth scans without parsing") {
    CHECK(json_nesting_depth("1") == 0);
    CHECK(json_nesting_depth("\"[[[\"") == 0);
    CHECK(json_nesting_depth("{}") == 1);
    CHECK(json_nesting_depth("[[[]]]") == 3);
    CHECK(json_nesting_depth(R"({"a": [1, {"b": []}], "c": {}})") == 4);
    // Brackets inside strings, escaped quotes included, do not count.
    CHECK(json_nesting_depth(R"({"a": "[[[[{{{{"})") == 1);
    CHECK(json_nesting_depth(R"({"a": "\"[[[[", "b": "\\"})") == 1);
    CHECK(json_nesting_depth(R"({"a": "\\", "b": [[]]})") == 3);
    // Unbalanced closers never underflow.
    CHECK(json_nesting_depth("]]]{") == 1);
    CHECK(json_nesting_depth(nested(10000)) == 10000);
}

TEST_CASE("parse_json_body parses documents within the limit") {
    CHECK(parse_json_body(R"({"subject": "Нет счёта"})", 32)["subject"] == "Нет счёта");
    CHECK(parse_json_body(nested(32), 32).is_array());
    CHECK(parse_json_body("[]", 1).empty());
}

TEST_CASE("parse_json_body refuses empty, malformed and deep bodies with 400") {
    auto empty = problem_of("");
    CHECK(empty.status() == 400);
    CHECK(empty.detail().find("empty") != std::string::npos);

    auto deep = problem_of(nested(33), 32);
    CHECK(deep.status() == 400);
    CHECK(deep.slug() == "json-too-deep");
    CHECK(deep.detail().find("33") != std::string::npos);
    CHECK(deep.detail().find("32") != std::string::npos);
    // A hostile body is refused before the parser recurses into it.
    CHECK(problem_of(nested(1000000)).slug() == "json-too-deep");

    for (const char* bad : {"{\"a\": ", "{'a': 1}", "{\"a\": 1,}", "nul", "{\"a\": 1} trailing", "\x80\x81"}) {
        INFO(bad);
        auto p = problem_of(bad);
        CHECK(p.status() == 400);
        CHECK(p.slug() == "malformed-json");
        CHECK(p.detail().find("not valid JSON") != std::string::npos);
        CHECK(p.extra().contains("byte"));
    }
    // Invalid UTF-8 inside a string is malformed JSON too.
    CHECK(problem_of("{\"a\": \"\xff\xfe\"}").slug() == "malformed-json");
}
