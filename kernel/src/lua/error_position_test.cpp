// SPDX-License-Identifier: Apache-2.0
#include "lua/error_position.hpp"

#include <catch2/catch.hpp>

using orbita::kernel::lua::ErrorPosition;

TEST_CASE("error positions are split into chunk, line and message") {
    auto p = ErrorPosition::parse("scripts/a.lua:12: attempt to index a nil value", "scripts/a.lua");
    CHECK(p.chunk == "scripts/a.lua");
    CHECK(p.line == 12);
    CHECK(p.message == "attempt to index a nil value");

    auto shortened = ErrorPosition::parse(".../very/long/name.lua:3: boom", "scripts/a/very/long/name.lua");
    CHECK(shortened.chunk == "scripts/a/very/long/name.lua");
    CHECK(shortened.line == 3);

    auto bare = ErrorPosition::parse("no position here: really", "x");
    CHECK(bare.chunk.empty());
    CHECK(bare.line == 0);
    CHECK(bare.message == "no position here: really");
}
