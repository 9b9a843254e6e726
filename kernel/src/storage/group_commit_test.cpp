// SPDX-License-Identifier: Apache-2.0
// Group commit on a real SQLite file: concurrent writers share commits, a failing
// writer loses only its own work, hooks follow the outcome of each writer.
#include "storage/database.hpp"
#include "storage/group_commit.hpp"

#include <catch2/catch.hpp>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <atomic>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <thread>

using namespace orbita::kernel::storage;

namespace {

struct TempDb {
    std::filesystem::path dir;
    std::unique_ptr<Database> db;
    TempDb() {
        std::mt19937_64 rng{std::random_device{}()};
        dir = std::filesystem::temp_directory_path() / ("orbita-gc-" + std::to_string(rng()));
        std::filesystem::create_directories(dir);
        db = std::make_unique<Database>(DatabaseUrl::parse((dir / "t.db").string()), DatabaseOptions{});
        db->write([](Transaction& tx) { tx.conn().exec_raw("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)"); });
    }
    ~TempDb() {
        db.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    std::int64_t count(const std::string& where = "1 = 1") {
        return db->read([&](Connection& c) { return c.query_int(SqlFragment("SELECT COUNT(*) FROM t WHERE " + where)).value_or(-1); });
    }
};

}  // namespace

TEST_CASE("concurrent writers share commits and each failure loses only its own work") {
    TempDb t;
    constexpr int kThreads = 16, kEach = 50;
    std::atomic<int> committed_hooks{0}, end_hooks{0}, failures{0};
    std::vector<std::thread> threads;
    for (int n = 0; n < kThreads; ++n) {
        threads.emplace_back([&, n] {
            for (int i = 0; i < kEach; ++i) {
                const bool fail = (i % 5) == 4;  // every fifth write of each thread fails after inserting
                try {
                    t.db->write([&](Transaction& tx) {
                        tx.after_commit([&] { ++committed_hooks; });
                        tx.after_end([&] { ++end_hooks; });
                        tx.conn().exec(SqlFragment("INSERT INTO t (v) VALUES (").bind(std::int64_t{n * 1000 + i}).sql(")"));
                        // A nested write joins the writer's own savepoint.
                        t.db->write([&](Transaction& inner) {
                            inner.conn().exec(SqlFragment("INSERT INTO t (v) VALUES (").bind(std::int64_t{-1}).sql(")"));
                        });
                        if (fail) throw std::runtime_error("refused");
                    });
                } catch (const std::runtime_error& e) {
                    CHECK(std::string(e.what()) == "refused");
                    ++failures;
                }
            }
        });
    }
    for (auto& th : threads) th.join();

    const int failed = kThreads * kEach / 5;
    CHECK(failures == failed);
    const int good = kThreads * kEach - failed;
    CHECK(t.count("v >= 0") == good);
    CHECK(t.count("v = -1") == good);  // the nested inserts of failed writers went too
    CHECK(t.count("v % 5 = 4") == 0);
    CHECK(committed_hooks == good);
    CHECK(end_hooks == kThreads * kEach);
}

TEST_CASE("queued writers are batched into fewer commits") {
    TempDb t;
    // A GroupCommit of its own on a second session, to read its counters.
    auto url = DatabaseUrl::parse((t.dir / "t.db").string());
    soci::session raw(soci::sqlite3, "db=\"" + url.sqlite_path + "\"");
    t.db->dialect().on_connect(raw);
    Connection conn(raw, t.db->dialect());
    GroupCommit group(conn, {.max_batch = 8, .max_open = std::chrono::seconds(5)});
    constexpr int kThreads = 8, kEach = 100;
    std::vector<std::thread> threads;
    for (int n = 0; n < kThreads; ++n) {
        threads.emplace_back([&] {
            for (int i = 0; i < kEach; ++i) {
                group.run([](Connection& c) { c.exec(SqlFragment("INSERT INTO t (v) VALUES (1)")); });
            }
        });
    }
    for (auto& th : threads) th.join();
    CHECK(group.writes() == kThreads * kEach);
    CHECK(t.count() == kThreads * kEach);
    // Every commit holds at most max_batch writes, and with eight writers queueing
    // most commits hold more than one.
    CHECK(group.commits() >= kThreads * kEach / 8);
    CHECK(group.commits() < kThreads * kEach);
}

TEST_CASE("a write whose batch cannot commit is not acknowledged") {
    TempDb t;
    // A deferred foreign key breaks only at COMMIT: the whole batch fails, and its
    // writer gets the error instead of a success.
    t.db->write([](Transaction& tx) {
        tx.conn().exec_raw("CREATE TABLE parent (id INTEGER PRIMARY KEY)");
        tx.conn().exec_raw("CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)");
    });
    bool after_commit = false, after_end = false;
    CHECK_THROWS(t.db->write([&](Transaction& tx) {
        tx.after_commit([&] { after_commit = true; });
        tx.after_end([&] { after_end = true; });
        tx.conn().exec_raw("INSERT INTO child (p) VALUES (42)");
    }));
    CHECK_FALSE(after_commit);
    CHECK(after_end);
    CHECK(t.db->read([](Connection& c) { return c.query_int(SqlFragment("SELECT COUNT(*) FROM child")).value_or(-1); }) == 0);
    // The writer connection is usable again.
    t.db->write([](Transaction& tx) { tx.conn().exec_raw("INSERT INTO t (v) VALUES (7)"); });
    CHECK(t.count("v = 7") == 1);
}
