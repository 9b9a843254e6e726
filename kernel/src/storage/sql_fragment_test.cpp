// SPDX-License-Identifier: Apache-2.0
#include "storage/sql_fragment.hpp"

#include <catch2/catch.hpp>

using namespace orbita::kernel::storage;

TEST_CASE("placeholders become numbered SOCI names in order") {
    SqlFragment q("SELECT id FROM t WHERE a = ");
    q.bind(std::int64_t{1}).sql(" AND b = ").bind(std::string("x")).sql(" AND c IN (").bind(2.5).sql(")");
    CHECK(q.text() == "SELECT id FROM t WHERE a = ? AND b = ? AND c IN (?)");
    CHECK(q.soci_text() == "SELECT id FROM t WHERE a = :p1 AND b = :p2 AND c IN (:p3)");
    REQUIRE(q.params().size() == 3);
    CHECK(std::get<std::int64_t>(q.params()[0]) == 1);
    CHECK(std::get<std::string>(q.params()[1]) == "x");
    CHECK(std::get<double>(q.params()[2]) == 2.5);
}

TEST_CASE("question marks inside single-quoted literals are left alone") {
    SqlFragment q("SELECT '?' AS a, x LIKE ");
    q.bind(std::string("%?%")).sql(" ESCAPE '\\' AND y = 'it''s ?' AND z = ").bind(std::int64_t{3});
    CHECK(q.soci_text() == "SELECT '?' AS a, x LIKE :p1 ESCAPE '\\' AND y = 'it''s ?' AND z = :p2");
    CHECK(q.params().size() == 2);
}

TEST_CASE("a bound value never enters the SQL text") {
    const std::string hostile = "'; DROP TABLE ticket; --";
    SqlFragment q("SELECT 1 FROM t WHERE s = ");
    q.bind(hostile);
    CHECK(q.text().find("DROP") == std::string::npos);
    CHECK(q.soci_text() == "SELECT 1 FROM t WHERE s = :p1");
    CHECK(std::get<std::string>(q.params()[0]) == hostile);
}

TEST_CASE("append keeps text and parameter order") {
    SqlFragment a("a = ");
    a.bind(std::int64_t{1});
    SqlFragment b(" AND b = ");
    b.bind(std::int64_t{2});
    SqlFragment all("(");
    all.append(a).append(b).sql(") OR c = ").bind(std::int64_t{3});
    CHECK(all.soci_text() == "(a = :p1 AND b = :p2) OR c = :p3");
    REQUIRE(all.params().size() == 3);
    CHECK(std::get<std::int64_t>(all.params()[2]) == 3);
    CHECK(SqlFragment().empty());
    CHECK_FALSE(all.empty());
}

TEST_CASE("null binds as monostate") {
    SqlFragment q("x = ");
    q.bind(SqlValue{});
    CHECK(is_null(q.params()[0]));
    CHECK(q.soci_text() == "x = :p1");
}
