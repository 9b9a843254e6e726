// SPDX-License-Identifier: Apache-2.0
#include "scripts/line_diff.hpp"

#include <catch2/catch.hpp>

using orbita::kernel::scripts::LineDiff;

TEST_CASE("unified diff shows changed lines with context") {
    CHECK(LineDiff::unified("a\nb\n", "a\nb\n").empty());
    CHECK(LineDiff::unified("", "x\ny\n") == "@@ -0,0 +1,2 @@\n+x\n+y\n");
    const std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    const std::string after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
    CHECK(LineDiff::unified(before, after) == "@@ -3,5 +3,5 @@\n 3\n 4\n-5\n+five\n 6\n 7\n");
}
