// SPDX-License-Identifier: Apache-2.0
// `orbita backup FILE`: a consistent copy of a live SQLite database, taken while another
// thread keeps writing.
#include "app/backup.hpp"
#include "app/cli.hpp"
#include "core/actor.hpp"
#include "records/record_repository.hpp"
#include "storage/database.hpp"
#include "support/test_server.hpp"

#include <sqlite3.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <fstream>
#include <future>
#include <iostream>
#include <sstream>
#include <thread>

using nlohmann::json;
using orbita::test::TestServer;

namespace {

// A read-only handle on a database file.
class Sqlite {
public:
    explicit Sqlite(const std::string& path) {
        if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
            throw std::runtime_error("cannot open " + path);
    }
    ~Sqlite() { sqlite3_close(db_); }
    Sqlite(const Sqlite&) = delete;
    Sqlite& operator=(const Sqlite&) = delete;

    // The first column of the first row as text.
    std::string scalar(const std::string& sql) const {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
            throw std::runtime_error(sqlite3_errmsg(db_));
        std::string out;
        if (sqlite3_step(stmt) == SQLITE_ROW) out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        sqlite3_finalize(stmt);
        return out;
    }
    long long count(const std::string& table) const { return std::stoll(scalar("SELECT COUNT(*) FROM " + table)); }

private:
    sqlite3* db_ = nullptr;
};

std::string sqlite_path(const std::string& url) { return url.substr(std::string("sqlite://").size()); }

struct Outcome {
    int code;
    std::string out;
    std::string err;
};

// `orbita --config FILE backup TARGET` in-process. Runs on a helper thread: no Catch2
// assertions in here.
Outcome backup_command(const std::filesystem::path& config, const std::filesystem::path& target) {
    std::ostringstream out, err;
    auto* old_out = std::cout.rdbuf(out.rdbuf());
    auto* old_err = std::cerr.rdbuf(err.rdbuf());
    const int code = orbita::kernel::run_cli({"--config", config.string(), "backup", target.string()});
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    return {code, out.str(), err.str()};
}

}  // namespace

TEST_CASE("backup copies a live SQLite database consistently while it is written") {
    TestServer server("sqlite");
    server.add_ticket_type();
    auto& kernel = server.kernel();
    // Some bulk first, so the copy takes many steps of the backup API.
    kernel.database().write([](orbita::kernel::storage::Transaction& tx) {
        tx.conn().exec_raw("CREATE TABLE padding (data BLOB)");
        tx.conn().exec_raw("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000) "
                           "INSERT INTO padding SELECT randomblob(2000) FROM n");
    });

    std::atomic<bool> stop{false};
    std::atomic<long long> committed{0};
    std::string writer_error;
    std::thread writer([&] {
        const auto actor = orbita::kernel::Actor::system_actor("backup-test");
        try {
            for (long long i = 0; !stop; ++i) {
                kernel.records().create(actor, "ticket", {{"subject", "Запись " + std::to_string(i)},
                                                          {"description", std::string(500, 'x')}});
                ++committed;
            }
        } catch (const std::exception& e) {
            writer_error = e.what();
            stop = true;
        }
    });
    while (committed < 50 && !stop) std::this_thread::sleep_for(std::chrono::milliseconds(5));

    const auto target = server.data_dir() / "backup" / "copy.db";
    std::filesystem::create_directories(target.parent_path());
    const long long before = committed;
    // Run with a deadline: a backup that restarts forever under writes must fail, not hang.
    auto done = std::async(std::launch::async, [&] { return backup_command(server.data_dir() / "orbita.json", target); });
    const bool finished = done.wait_for(std::chrono::seconds(120)) == std::future_status::ready;
    const long long during = committed;
    stop = true;
    writer.join();
    CHECK(writer_error.empty());
    REQUIRE(finished);
    const auto outcome = done.get();
    INFO(outcome.out << outcome.err);
    REQUIRE(outcome.code == 0);
    CHECK(outcome.out == "Backup written to " + target.string() + "\n");
    CHECK(during > before);  // the writer really kept writing during the backup
    CHECK_FALSE(std::filesystem::exists(target.string() + ".tmp"));

    Sqlite copy(target.string());
    CHECK(copy.scalar("PRAGMA integrity_check") == "ok");
    const long long tickets = copy.count("ticket");
    CHECK(tickets >= before);
    CHECK(tickets <= committed);
    // A snapshot: every copied ticket has its history entry and its search document.
    CHECK(copy.count("record_history WHERE entity_type = 'ticket'") == tickets);
    CHECK(copy.count("ticket__fts") == tickets);
    CHECK(copy.count("padding") == 6000);
    CHECK(copy.count("schema_migrations WHERE id = 'kernel/0001_core'") == 1);
    // Ids are contiguous: no committed ticket before the snapshot is missing.
    CHECK(std::stoll(copy.scalar("SELECT MAX(id) FROM ticket")) == tickets);

    // The copy is a working database: a kernel opens it and serves its records.
    json overrides = {{"database", {{"url", "sqlite://" + target.string()}}}};
    TestServer restored("sqlite", overrides);
    restored.add_ticket_type();
    auto list = restored.client().get("/api/v1/records/ticket?count=true&limit=1");
    REQUIRE(list.status == 200);
    CHECK(list.json()["total"] == tickets);
}

TEST_CASE("backup refuses what it cannot copy and never leaves a partial file") {
    TestServer server("sqlite");
    const auto dir = server.data_dir();
    CHECK_THROWS_WITH(orbita::kernel::backup_sqlite((dir / "missing.db").string(), (dir / "out.db").string()),
                      Catch::Contains("no SQLite database"));
    CHECK_FALSE(std::filesystem::exists(dir / "out.db"));
    // A target in a directory that does not exist.
    const auto source = sqlite_path(server.database_url());
    CHECK_THROWS(orbita::kernel::backup_sqlite(source, (dir / "no" / "such" / "dir" / "out.db").string()));
    CHECK_FALSE(std::filesystem::exists(dir / "no"));
    // An existing target is replaced by a complete copy.
    const auto target = dir / "again.db";
    std::ofstream(target) << "not a database";
    orbita::kernel::backup_sqlite(source, target.string());
    CHECK(Sqlite(target.string()).scalar("PRAGMA integrity_check") == "ok");
}
