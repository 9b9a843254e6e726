// SPDX-License-Identifier: Apache-2.0
#include "files/file_store.hpp"

#include "support/test_backends.hpp"

#include <catch2/catch.hpp>

using orbita::kernel::files::FileStore;

TEST_CASE("clean_name keeps only a plain file name") {
    CHECK(FileStore::clean_name("report.pdf") == "report.pdf");
    CHECK(FileStore::clean_name("../../etc/passwd") == "passwd");
    CHECK(FileStore::clean_name("C:\\Users\\ivan\\Отчёт.docx") == "Отчёт.docx");
    CHECK(FileStore::clean_name("a\nb\r\x01" "c\x7f.txt") == "abc.txt");
    CHECK(FileStore::clean_name("") == "file");
    CHECK(FileStore::clean_name("..") == "file");
    CHECK(FileStore::clean_name("dir/") == "file");
    CHECK(FileStore::clean_name(std::string(300, 'x') + ".pdf").size() == 255);
    CHECK(FileStore::clean_name(std::string(300, 'x') + ".pdf").substr(251) == ".pdf");
}

TEST_CASE("allowed content types match exactly or by family") {
    orbita::test::TempDir dir;
    orbita::kernel::storage::Database db(
        orbita::kernel::storage::DatabaseUrl::parse("sqlite://" + (dir.path() / "f.db").string()), {});
    orbita::kernel::SystemClock clock;
    FileStore store(db, dir.path() / "files", 1024, {"image/*", "application/pdf"}, clock);
    CHECK(store.allowed("image/png"));
    CHECK(store.allowed("IMAGE/PNG"));
    CHECK(store.allowed("application/pdf; charset=binary"));
    CHECK_FALSE(store.allowed("application/pdfx"));
    CHECK_FALSE(store.allowed("imagery/png"));
    CHECK_FALSE(store.allowed("text/html"));
    CHECK_FALSE(store.allowed(""));
    FileStore any(db, dir.path() / "files", 1024, {"*/*"}, clock);
    CHECK(any.allowed("application/x-anything"));
}
