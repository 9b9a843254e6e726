// SPDX-License-Identifier: Apache-2.0
#include "support/test_backends.hpp"

#include "storage/database_url.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <random>
#include <stdexcept>

namespace orbita::test {

namespace {

std::string random_suffix() {
    static std::mt19937_64 rng{std::random_device{}()};
    return std::to_string(rng() % 1000000000000ULL);
}

std::string pg_base_url() {
    const char* url = std::getenv("ORBITA_TEST_PG_URL");
    return url ? url : "";
}

std::string pg_conninfo() { return orbita::kernel::storage::DatabaseUrl::parse(pg_base_url()).postgres_conninfo; }

}  // namespace

TempDir::TempDir() {
    path_ = std::filesystem::temp_directory_path() / ("orbita-test-" + random_suffix());
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

TestDatabase::TestDatabase(std::string backend, const std::filesystem::path& dir) : backend_(std::move(backend)) {
    if (backend_ == "sqlite") {
        url_ = "sqlite://" + (dir / "test.db").string();
        return;
    }
    const std::string base = pg_base_url();
    if (base.empty()) throw std::runtime_error("ORBITA_TEST_PG_URL is not set");
    schema_ = "t_" + random_suffix();
    soci::session admin(soci::postgresql, pg_conninfo());
    admin << "CREATE SCHEMA " + schema_;
    // libpq applies "options" at connect: every pooled session then lives in the schema.
    url_ = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema_;
}

TestDatabase::~TestDatabase() {
    if (schema_.empty()) return;
    try {
        soci::session admin(soci::postgresql, pg_conninfo());
        admin << "SET client_min_messages TO WARNING";
        admin << "DROP SCHEMA " + schema_ + " CASCADE";
    } catch (const std::exception&) {
        // A leftover schema in a throw-away test cluster harms nobody.
    }
}

std::vector<std::string> test_backends() {
    std::vector<std::string> out = {"sqlite"};
    if (!pg_base_url().empty()) {
        out.push_back("postgresql");
    } else if (const char* req = std::getenv("ORBITA_TEST_REQUIRE_PG"); req && std::string(req) == "1") {
        throw std::runtime_error("ORBITA_TEST_REQUIRE_PG=1 but ORBITA_TEST_PG_URL is not set");
    }
    return out;
}

}  // namespace orbita::test
