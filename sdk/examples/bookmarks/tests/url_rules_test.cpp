// SPDX-License-Identifier: Apache-2.0
// Unit tests of the pure URL logic (no kernel).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include "../src/url_rules.hpp"

using orbita::plugins::bookmarks::normalize_url;

TEST_CASE("normalising lower-cases scheme and host and drops a bare trailing slash") {
    auto url = normalize_url("HTTPS://Example.COM/", {"http", "https"});
    REQUIRE(url.ok());
    CHECK(url.value() == "https://example.com");
    CHECK(normalize_url("http://a.b/Path/", {"http"}).value() == "http://a.b/Path/");
}

TEST_CASE("a URL without scheme or host, or with a scheme not allowed, is refused") {
    CHECK(normalize_url("example.com", {"http"}).error().code == "invalid-url");
    CHECK(normalize_url("https:///x", {"https"}).error().message.find("no host") != std::string::npos);
    CHECK(normalize_url("ftp://x.y", {"http", "https"}).error().message == "scheme 'ftp' is not allowed");
}
