// SPDX-License-Identifier: Apache-2.0
// Checks shared by the bad-input tests: RFC 9457 problem documents and their field errors.
#pragma once

#include "core/problem.hpp"
#include "support/http_client.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

namespace orbita::test {

/// Requires `r` to be an `application/problem+json` answer with `status` (and type
/// `/problems/<slug>` when `slug` is given) carrying every RFC 9457 member the kernel
/// promises; answers the document for further checks.
inline nlohmann::json require_problem(const HttpResponse& r, int status, const std::string& slug = "") {
    INFO("HTTP " << r.status << ": " << r.body.substr(0, 2000));
    REQUIRE(r.status == status);
    CHECK(r.header("Content-Type").rfind("application/problem+json", 0) == 0);
    const auto doc = nlohmann::json::parse(r.body, nullptr, false);
    REQUIRE(doc.is_object());
    CHECK(doc.value("status", 0) == status);
    CHECK(doc.value("type", "").rfind("/problems/", 0) == 0);
    if (!slug.empty()) CHECK(doc.value("type", "") == "/problems/" + slug);
    CHECK_FALSE(doc.value("title", "").empty());
    CHECK_FALSE(doc.value("detail", "").empty());
    CHECK(doc.value("instance", "").rfind("/", 0) == 0);
    CHECK(doc.value("request_id", "") == r.header("X-Request-Id"));
    return doc;
}

/// The entry of `problem["errors"]` about `field`, or null when there is none.
inline nlohmann::json field_error(const nlohmann::json& problem, const std::string& field) {
    if (!problem.contains("errors")) return nullptr;
    for (const auto& e : problem["errors"]) {
        if (e.value("field", "") == field) return e;
    }
    return nullptr;
}

/// Requires an error about `field` with `code` whose message contains `fragment`.
inline void require_field_error(const nlohmann::json& problem, const std::string& field, const std::string& code,
                                const std::string& fragment = "") {
    INFO("problem: " << problem.dump());
    const auto e = field_error(problem, field);
    REQUIRE(e.is_object());
    CHECK(e.value("code", "") == code);
    CHECK(e.value("message", "").find(fragment) != std::string::npos);
}

/// Requires `fn` (a call into the data layer) to throw a Problem with `status` whose
/// first field error is about `field`.
template <class Fn>
void require_problem_thrown(Fn&& fn, int status, const std::string& field) {
    try {
        fn();
        FAIL("no Problem was thrown (expected " << status << " about " << field << ")");
    } catch (const kernel::Problem& p) {
        CHECK(p.status() == status);
        REQUIRE_FALSE(p.errors().empty());
        CHECK(p.errors()[0].field == field);
    }
}

}  // namespace orbita::test
