// SPDX-License-Identifier: Apache-2.0
#include "app/backup.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <stdexcept>

namespace orbita::kernel {

namespace {

struct Handle {
    sqlite3* db = nullptr;
    ~Handle() { sqlite3_close(db); }
};

}  // namespace

void backup_sqlite(const std::string& source, const std::string& target) {
    if (!std::filesystem::exists(source)) throw std::runtime_error("no SQLite database at " + source);
    const std::string tmp = target + ".tmp";
    std::filesystem::remove(tmp);
    Handle from, to;
    if (sqlite3_open_v2(source.c_str(), &from.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        throw std::runtime_error("cannot open " + source + ": " + sqlite3_errmsg(from.db));
    if (sqlite3_open(tmp.c_str(), &to.db) != SQLITE_OK)
        throw std::runtime_error("cannot create " + tmp + ": " + sqlite3_errmsg(to.db));
    sqlite3_busy_timeout(from.db, 5000);
    sqlite3_backup* backup = sqlite3_backup_init(to.db, "main", from.db, "main");
    if (!backup) throw std::runtime_error(std::string("backup failed to start: ") + sqlite3_errmsg(to.db));
    // One step copies every page inside a single read transaction: the database is in WAL
    // mode, so that is a consistent snapshot and writers carry on meanwhile. Copying in
    // several steps would restart from scratch whenever another connection commits in
    // between, and never finish under steady writes.
    int rc;
    int attempts = 0;
    do {
        rc = sqlite3_backup_step(backup, -1);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
    } while ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++attempts < 200);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
        std::filesystem::remove(tmp);
        throw std::runtime_error(std::string("backup failed: ") + sqlite3_errstr(rc));
    }
    sqlite3_close(to.db);
    to.db = nullptr;
    std::filesystem::rename(tmp, target);
}

}  // namespace orbita::kernel
