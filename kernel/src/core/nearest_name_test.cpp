// SPDX-License-Identifier: Apache-2.0
#include "core/nearest_name.hpp"

#include <catch2/catch.hpp>

using namespace orbita::kernel;

TEST_CASE("edit_distance counts insertions, deletions and substitutions") {
    CHECK(edit_distance("", "") == 0);
    CHECK(edit_distance("abc", "") == 3);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("port", "port") == 0);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("prot", "port") == 1);  // a transposition is one edit
    CHECK(edit_distance("ab", "ba") == 1);
    CHECK(edit_distance("abc", "ca") == 3);
    CHECK(edit_distance("max_page_sise", "max_page_size") == 1);
}

TEST_CASE("nearest_name suggests only plausible typos") {
    const std::vector<std::string> keys = {"host", "port", "max_threads", "max_queued", "access_log"};
    CHECK(nearest_name("prt", keys) == std::optional<std::string>("port"));
    CHECK(nearest_name("prot", keys) == std::optional<std::string>("port"));
    CHECK(nearest_name("max_thread", keys) == std::optional<std::string>("max_threads"));
    CHECK(nearest_name("acess_log", keys) == std::optional<std::string>("access_log"));
    // Too far from everything: no hint rather than a misleading one.
    CHECK_FALSE(nearest_name("database", keys));
    CHECK_FALSE(nearest_name("zzzz", keys));
    CHECK_FALSE(nearest_name("port", {}));
    // Short names still allow one edit.
    CHECK(nearest_name("ab", {"ac", "xyz"}) == std::optional<std::string>("ac"));
    // The closest candidate wins, the first one on ties.
    CHECK(nearest_name("statuss", {"state", "status"}) == std::optional<std::string>("status"));
    CHECK(nearest_name("ax", {"ab", "ac"}) == std::optional<std::string>("ab"));
}

TEST_CASE("did_you_mean renders a ready-to-append hint") {
    CHECK(did_you_mean("sotr", {"sort", "limit"}) == " (did you mean 'sort'?)");
    CHECK(did_you_mean("completely_different", {"sort", "limit"}).empty());
}
