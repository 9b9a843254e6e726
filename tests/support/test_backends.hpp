// SPDX-License-Identifier: Apache-2.0
// The databases a test runs against: a fresh SQLite file and a fresh PostgreSQL schema.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace orbita::test {

/// A temporary directory removed when the object dies.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

/// One empty database: its URL and a label for test names. PostgreSQL databases are
/// schemas created in the cluster named by ORBITA_TEST_PG_URL and dropped afterwards.
class TestDatabase {
public:
    TestDatabase(std::string backend, const std::filesystem::path& dir);
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;
    const std::string& backend() const { return backend_; }
    const std::string& url() const { return url_; }

private:
    std::string backend_;
    std::string url_;
    std::string schema_;
};

/// "sqlite", plus "postgresql" when ORBITA_TEST_PG_URL is set. With
/// ORBITA_TEST_REQUIRE_PG=1 (the test command sets it) a missing PostgreSQL fails.
std::vector<std::string> test_backends();

}  // namespace orbita::test
