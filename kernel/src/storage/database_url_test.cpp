// SPDX-License-Identifier: Apache-2.0
#include "storage/database_url.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

using orbita::kernel::storage::Backend;
using orbita::kernel::storage::DatabaseUrl;

TEST_CASE("SQLite URLs and bare paths") {
    auto abs = DatabaseUrl::parse("sqlite:///var/lib/orbita/orbita.db");
    CHECK(abs.backend == Backend::Sqlite);
    CHECK(abs.sqlite_path == "/var/lib/orbita/orbita.db");
    CHECK(DatabaseUrl::parse("sqlite:relative.db").sqlite_path == "relative.db");
    CHECK(DatabaseUrl::parse("sqlite://./var/orbita.db").sqlite_path == "./var/orbita.db");
    CHECK(DatabaseUrl::parse("/tmp/x.db").sqlite_path == "/tmp/x.db");
    CHECK(DatabaseUrl::parse("sqlite://:memory:").sqlite_path == ":memory:");
    CHECK(abs.redacted() == "sqlite:///var/lib/orbita/orbita.db");
}

TEST_CASE("unusable URLs are refused with a reason") {
    CHECK_THROWS_AS(DatabaseUrl::parse(""), std::invalid_argument);
    CHECK_THROWS_WITH(DatabaseUrl::parse("mysql://root@localhost/crm"), Catch::Contains("unsupported"));
    CHECK_THROWS_WITH(DatabaseUrl::parse("sqlite://"), Catch::Contains("no file path"));
    CHECK_THROWS_WITH(DatabaseUrl::parse("postgresql://u@h/db?sslmode"), Catch::Contains("malformed parameter"));
    CHECK_THROWS_WITH(DatabaseUrl::parse("postgresql://u:pass%20word@h/db"), Catch::Contains("spaces"));
}

TEST_CASE("PostgreSQL URIs become libpq keyword/value conninfo") {
    auto url = DatabaseUrl::parse("postgresql://orbita:s3cret@db.example.org:5433/crm");
    CHECK(url.backend == Backend::Postgres);
    CHECK(url.postgres_conninfo == "host=db.example.org port=5433 dbname=crm user=orbita password=s3cret");

    CHECK(DatabaseUrl::parse("postgres://localhost/crm").postgres_conninfo == "host=localhost dbname=crm");
    CHECK(DatabaseUrl::parse("postgresql://u@127.0.0.1/crm").postgres_conninfo == "host=127.0.0.1 dbname=crm user=u");
    // Percent-encoded characters are decoded: '@' and ':' in passwords, '=' in options.
    CHECK(DatabaseUrl::parse("postgresql://u:p%40ss%3Aw@h:1/d").postgres_conninfo ==
          "host=h port=1 dbname=d user=u password=p@ss:w");
    CHECK(DatabaseUrl::parse("postgresql://u@h/d?sslmode=disable&options=-csearch_path%3Dt_1").postgres_conninfo ==
          "host=h dbname=d user=u sslmode=disable options=-csearch_path=t_1");
}

TEST_CASE("IPv6 hosts keep their brackets out of conninfo") {
    CHECK(DatabaseUrl::parse("postgresql://u@[::1]:5432/crm").postgres_conninfo ==
          "host=::1 port=5432 dbname=crm user=u");
    CHECK(DatabaseUrl::parse("postgresql://u@[::1]/crm").postgres_conninfo == "host=::1 dbname=crm user=u");
}

TEST_CASE("redacted() hides passwords wherever they are written") {
    auto url = DatabaseUrl::parse("postgresql://orbita:s3cret@db:5432/crm");
    CHECK(url.redacted() == "postgresql://orbita:***@db:5432/crm");
    CHECK(url.redacted().find("s3cret") == std::string::npos);
    auto query = DatabaseUrl::parse("postgresql://db/crm?user=orbita&password=s3cret&sslmode=require");
    CHECK(query.redacted() == "postgresql://db/crm?user=orbita&password=***&sslmode=require");
    CHECK(DatabaseUrl::parse("postgresql://orbita@db/crm").redacted() == "postgresql://orbita@db/crm");
}
