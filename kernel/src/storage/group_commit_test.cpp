// SPDX-License-Identifier: Apache-2.0
// Group commit on a real SQLite file: concurrent writers share commits, a failing
// writer loses only its own work, hooks follow the outcome of each writer.
#include "storage/database.hpp"
#include "storage/group_commit.hpp"
#include "log/request_context.hpp"

#include <catch2/catch.hpp>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <filesystem>
#include <random>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

extern char** environ;

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

namespace {

/// A GroupCommit of its own on a second session of the test database, to hold its
/// writer and read its counters.
struct OwnGroup {
    soci::session raw;
    Connection conn;
    GroupCommit group;
    OwnGroup(TempDb& t, GroupCommit::Options options)
        : raw(soci::sqlite3, "db=\"" + (t.dir / "t.db").string() + "\""),
          conn((t.db->dialect().on_connect(raw), raw), t.db->dialect()),
          group(conn, options) {}
};

/// Keeps the writer busy in a first write until `release()`, so later writes queue up.
struct BlockedWriter {
    std::mutex mutex;
    std::condition_variable signal;
    bool entered = false, released = false;
    std::thread thread;
    explicit BlockedWriter(GroupCommit& group) {
        thread = std::thread([&] {
            group.run([&](Connection& c) {
                c.exec(SqlFragment("INSERT INTO t (v) VALUES (0)"));
                std::unique_lock<std::mutex> lock(mutex);
                entered = true;
                signal.notify_all();
                signal.wait(lock, [&] { return released; });
            });
        });
        std::unique_lock<std::mutex> lock(mutex);
        signal.wait(lock, [&] { return entered; });
    }
    void release() {
        {
            std::lock_guard<std::mutex> lock(mutex);
            released = true;
        }
        signal.notify_all();
        thread.join();
    }
};

void wait_until_queued(GroupCommit& group, std::size_t n) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (group.queued() < n && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    REQUIRE(group.queued() == n);
}

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
    OwnGroup own(t, {.max_batch = 8, .max_open = std::chrono::seconds(5)});
    GroupCommit& group = own.group;
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


TEST_CASE("queued writes run in arrival order, and a failing one in the middle of a batch loses only its own work") {
    TempDb t;
    OwnGroup own(t, {.max_batch = 64, .max_open = std::chrono::seconds(5)});
    BlockedWriter blocker(own.group);
    std::vector<std::thread> writers;
    std::atomic<int> refused{0};
    for (int n = 1; n <= 6; ++n) {
        writers.emplace_back([&, n] {
            try {
                own.group.run([n](Connection& c) {
                    c.exec(SqlFragment("INSERT INTO t (v) VALUES (").bind(std::int64_t{n}).sql(")"));
                    if (n == 3) throw std::runtime_error("refused");
                });
            } catch (const std::runtime_error& e) {
                CHECK(std::string(e.what()) == "refused");
                ++refused;
            }
        });
        wait_until_queued(own.group, static_cast<std::size_t>(n));  // the next one arrives after this one
    }
    blocker.release();
    for (auto& w : writers) w.join();
    CHECK(refused == 1);
    // Row ids follow the order the writes ran in: arrival order, without the refused one.
    const auto order = t.db->read([](Connection& c) {
        std::string out;
        soci::rowset<int> rows = (c.session().prepare << "SELECT v FROM t ORDER BY id");
        for (int v : rows) out += std::to_string(v);
        return out;
    });
    CHECK(order == "012456");
    // One batch: the five that queued while the first ran joined its transaction.
    CHECK(own.group.commits() == 1);
    CHECK(own.group.writes() == 6);
}

TEST_CASE("stopping runs and commits every queued write, and later writes are refused") {
    TempDb t;
    auto own = std::make_unique<OwnGroup>(t, GroupCommit::Options{});
    std::optional<BlockedWriter> blocker;
    blocker.emplace(own->group);
    std::vector<std::thread> writers;
    std::atomic<int> acknowledged{0};
    for (int n = 1; n <= 5; ++n) {
        writers.emplace_back([&, n] {
            own->group.run([n](Connection& c) { c.exec(SqlFragment("INSERT INTO t (v) VALUES (").bind(std::int64_t{n}).sql(")")); });
            ++acknowledged;
        });
    }
    wait_until_queued(own->group, 5);
    std::thread stopper([&] { own->group.stop(); });
    blocker->release();
    stopper.join();
    for (auto& w : writers) w.join();
    CHECK(acknowledged == 5);
    CHECK(t.count() == 6);
    CHECK_THROWS_AS(own->group.run([](Connection&) {}), std::logic_error);
    own.reset();
}

TEST_CASE("the writer thread runs each write with its caller's request id") {
    TempDb t;
    std::vector<std::thread> callers;
    std::atomic<int> mismatches{0};
    for (int n = 0; n < 8; ++n) {
        callers.emplace_back([&, n] {
            for (int i = 0; i < 20; ++i) {
                const std::string id = "req-" + std::to_string(n) + "-" + std::to_string(i);
                orbita::kernel::log::RequestScope scope(id);
                t.db->write([&](Transaction&) {
                    if (orbita::kernel::log::current_request_id() != id) ++mismatches;
                });
                if (orbita::kernel::log::current_request_id() != id) ++mismatches;
            }
        });
    }
    for (auto& c : callers) c.join();
    CHECK(mismatches == 0);
}

// Run only as the child process of the next test (hidden tag): writes from eight
// threads until killed, printing each value once its write is acknowledged.
TEST_CASE("durability child: writes until killed", "[.durability-child]") {
    const char* path = std::getenv("ORBITA_DURABILITY_DB");
    if (!path) return;
    Database db(DatabaseUrl::parse(path), DatabaseOptions{});
    std::mutex out_mutex;
    std::vector<std::thread> writers;
    for (int n = 0; n < 8; ++n) {
        writers.emplace_back([&, n] {
            for (std::int64_t i = 0;; ++i) {
                const std::int64_t v = n * 1'000'000 + i;
                db.write([&](Transaction& tx) { tx.conn().exec(SqlFragment("INSERT INTO t (v) VALUES (").bind(v).sql(")")); });
                const std::string line = std::to_string(v) + "\n";
                std::lock_guard<std::mutex> lock(out_mutex);
                if (::write(STDOUT_FILENO, line.data(), line.size()) < 0) return;
            }
        });
    }
    for (auto& w : writers) w.join();
}

TEST_CASE("a killed process loses no acknowledged write") {
    TempDb t;
    t.db.reset();  // the child writes; we only look afterwards
    const std::string db_path = (t.dir / "t.db").string();
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    std::string exe = std::filesystem::read_symlink("/proc/self/exe").string();
    std::string name = "durability child: writes until killed";
    char* argv[] = {exe.data(), name.data(), nullptr};
    setenv("ORBITA_DURABILITY_DB", db_path.c_str(), 1);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv, environ);
    unsetenv("ORBITA_DURABILITY_DB");
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    REQUIRE(rc == 0);

    // Acknowledged values, read as the child prints them; killed mid-stream.
    std::vector<std::int64_t> acknowledged;
    std::string pending;
    auto read_some = [&](int timeout_ms) {
        pollfd p{fds[0], POLLIN, 0};
        if (poll(&p, 1, timeout_ms) <= 0) return false;
        char buffer[4096];
        const ssize_t n = read(fds[0], buffer, sizeof buffer);
        if (n <= 0) return false;
        for (ssize_t i = 0; i < n; ++i) {
            if (buffer[i] != '\n') {
                pending += buffer[i];
                continue;
            }
            acknowledged.push_back(std::stoll(pending));
            pending.clear();
        }
        return true;
    };
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (acknowledged.size() < 3000 && std::chrono::steady_clock::now() < deadline) read_some(100);
    REQUIRE(kill(pid, SIGKILL) == 0);
    waitpid(pid, nullptr, 0);
    while (read_some(0)) {
    }  // what it printed before dying was acknowledged too
    close(fds[0]);
    REQUIRE(acknowledged.size() >= 3000);

    t.db = std::make_unique<Database>(DatabaseUrl::parse(db_path), DatabaseOptions{});
    const auto stored = t.db->read([](Connection& c) {
        std::set<std::int64_t> out;
        soci::rowset<long long> rows = (c.session().prepare << "SELECT v FROM t");
        for (long long v : rows) out.insert(v);
        return out;
    });
    std::size_t lost = 0;
    for (auto v : acknowledged) lost += stored.count(v) == 0 ? 1 : 0;
    CHECK(lost == 0);
    CHECK(stored.size() >= acknowledged.size());
}
