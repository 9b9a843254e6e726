// SPDX-License-Identifier: Apache-2.0
// The `orbita` command line: commands, usage and exit codes (0 ok, 1 failure, 2 usage or
// configuration error). In-process through run_cli; `serve` and the process exit codes
// through the real executable.
#include "app/cli.hpp"
#include "app/version.hpp"
#include "support/http_client.hpp"
#include "support/test_backends.hpp"

#include <Poco/Net/ServerSocket.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <csignal>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

using nlohmann::json;
using orbita::kernel::run_cli;
using orbita::test::TempDir;
using orbita::test::TestDatabase;

namespace {

struct Outcome {
    int code;
    std::string out;
    std::string err;
};

// run_cli with standard output and error captured.
Outcome cli(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    auto* old_out = std::cout.rdbuf(out.rdbuf());
    auto* old_err = std::cerr.rdbuf(err.rdbuf());
    int code = -1;
    try {
        code = run_cli(args);
    } catch (...) {
        std::cout.rdbuf(old_out);
        std::cerr.rdbuf(old_err);
        throw;
    }
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    return {code, out.str(), err.str()};
}

// An orbita.json for `db_url` with its data directory in `dir`.
std::string config_file(const TempDir& dir, const std::string& db_url, const json& extra = json::object()) {
    json doc = {{"data_dir", (dir.path() / "data").string()},
                {"database", {{"url", db_url}, {"pool_size", 4}}},
                {"http", {{"port", 0}}},
                {"log", {{"level", "error"}}}};
    doc.merge_patch(extra);
    const auto path = dir.path() / "orbita.json";
    std::ofstream(path) << doc.dump(2);
    return path.string();
}

// The environment of a child process: ours without ORBITA_* settings.
std::vector<std::string> child_environment() {
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        if (std::string(*e).rfind("ORBITA_", 0) != 0) env.emplace_back(*e);
    }
    return env;
}

// The executable run to completion; answers its exit code and output (stdout + stderr).
Outcome run_binary(const std::vector<std::string>& args, const TempDir& dir) {
    const auto out_file = dir.path() / "stdout.txt";
    const auto err_file = dir.path() / "stderr.txt";
    std::string command = "env -i";
    for (const auto& e : child_environment()) {
        if (e.rfind("PATH=", 0) == 0 || e.rfind("HOME=", 0) == 0 || e.rfind("LANG=", 0) == 0) command += " '" + e + "'";
    }
    // `timeout` turns a server that should have failed but keeps running into exit 124.
    command += std::string(" timeout 60 ") + ORBITA_EXECUTABLE;
    for (const auto& a : args) command += " '" + a + "'";
    command += " >" + out_file.string() + " 2>" + err_file.string() + " </dev/null";
    const int status = std::system(command.c_str());
    auto slurp = [](const std::filesystem::path& p) {
        std::ifstream in(p);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out_file), slurp(err_file)};
}

// A running `orbita serve`: its pid and the read end of its standard output.
struct Child {
    pid_t pid = -1;
    int out = -1;

    // The next line of standard output, waiting at most `seconds`.
    std::string read_line(int seconds) {
        std::string line;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
        while (std::chrono::steady_clock::now() < deadline) {
            pollfd p{out, POLLIN, 0};
            if (poll(&p, 1, 100) <= 0) continue;
            char c;
            if (read(out, &c, 1) != 1) break;
            if (c == '\n') return line;
            line += c;
        }
        return line;
    }
    // Waits for the exit at most `seconds`; answers the exit code, -1 on timeout or signal.
    int wait(int seconds) {
        for (int i = 0; i < seconds * 10; ++i) {
            int status = 0;
            if (waitpid(pid, &status, WNOHANG) == pid) {
                pid = -1;
                return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            }
            usleep(100000);
        }
        return -1;
    }
    ~Child() {
        if (pid > 0) {
            kill(pid, SIGKILL);
            waitpid(pid, nullptr, 0);
        }
        if (out >= 0) close(out);
    }
};

void spawn(Child& child, const std::vector<std::string>& args, const std::filesystem::path& stderr_file) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addopen(&actions, 2, stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<std::string> argv_text = {ORBITA_EXECUTABLE};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    auto env_text = child_environment();
    std::vector<char*> envp;
    for (auto& e : env_text) envp.push_back(e.data());
    envp.push_back(nullptr);
    const int rc = posix_spawn(&child.pid, ORBITA_EXECUTABLE, &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    child.out = fds[0];
    REQUIRE(rc == 0);
}

}  // namespace

TEST_CASE("--help and --version answer 0 without a configuration") {
    auto help = cli({"--help"});
    CHECK(help.code == 0);
    CHECK(help.out.find("Usage: orbita [--config FILE] <command>") != std::string::npos);
    for (const char* command : {"serve", "migrate", "demo-data", "backup FILE", "types", "--version"}) {
        CHECK(help.out.find(command) != std::string::npos);
    }
    CHECK(cli({"-h"}).code == 0);
    auto version = cli({"--version"});
    CHECK(version.code == 0);
    CHECK(version.out == std::string("orbita ") + orbita::kernel::kOrbitaVersion + "\n");
    // --help wins over everything else on the line.
    CHECK(cli({"--config", "/nonexistent.json", "migrate", "--help"}).code == 0);
}

TEST_CASE("usage errors answer 2 with a hint") {
    auto none = cli({});
    CHECK(none.code == 2);
    CHECK(none.err.find("Usage:") != std::string::npos);
    auto unknown = cli({"serv"});
    CHECK(unknown.code == 2);
    CHECK(unknown.err.find("unknown command 'serv' (did you mean 'serve'?)") != std::string::npos);
    auto missing = cli({"migrate", "--config"});
    CHECK(missing.code == 2);
    CHECK(missing.err.find("--config needs a file") != std::string::npos);

    TempDir dir;
    const auto file = config_file(dir, "sqlite://" + (dir.path() / "x.db").string());
    CHECK(cli({"--config", file, "backup"}).code == 2);
    CHECK(cli({"--config", file, "backup", "a", "b"}).code == 2);
    auto option = cli({"--config", file, "demo-data", "--bogus"});
    CHECK(option.code == 2);
    CHECK(option.err.find("unknown option '--bogus'") != std::string::npos);
    for (const char* count : {"abc", "-5", "12x"}) {
        INFO(count);
        auto bad_count = cli({"--config", file, "demo-data", "--tickets", count});
        CHECK(bad_count.code == 2);
        CHECK(bad_count.err.find("--tickets") != std::string::npos);
    }
    CHECK(cli({"--config", file, "demo-data", "--tickets"}).code == 2);
}

TEST_CASE("configuration errors answer 2 listing every problem") {
    TempDir dir;
    auto unreadable = cli({"--config", (dir.path() / "missing.json").string(), "migrate"});
    CHECK(unreadable.code == 2);
    CHECK(unreadable.err.find("cannot be read") != std::string::npos);

    const auto file = config_file(dir, "sqlite://" + (dir.path() / "x.db").string(),
                                  {{"htpp", 1}, {"log", {{"levle", "warn"}}}, {"records", {{"max_page_size", 0}}}});
    auto invalid = cli({"--config", file, "migrate"});
    CHECK(invalid.code == 2);
    INFO(invalid.err);
    CHECK(invalid.err.find(file) != std::string::npos);
    CHECK(invalid.err.find("(did you mean 'http'?)") != std::string::npos);
    CHECK(invalid.err.find("(did you mean 'level'?)") != std::string::npos);
    CHECK(invalid.err.find("records.max_page_size") != std::string::npos);
    // Nothing was started: no database was created.
    CHECK_FALSE(std::filesystem::exists(dir.path() / "x.db"));
}

TEST_CASE("migrate, types and demo-data on every backend") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TempDir dir;
            TestDatabase db(backend, dir.path());
            const auto file = config_file(dir, db.url());

            auto migrate = cli({"--config", file, "migrate"});
            INFO(migrate.err);
            CHECK(migrate.code == 0);
            CHECK(migrate.out == "Database is up to date.\n");
            CHECK(cli({"--config", file, "migrate"}).code == 0);  // idempotent

            auto types = cli({"--config", file, "types"});
            CHECK(types.code == 0);
            CHECK(types.out.find("user (kernel): User") != std::string::npos);
            CHECK(types.out.find("  login: string, required") != std::string::npos);
            CHECK(types.out.find("department (kernel)") != std::string::npos);
            CHECK(types.out.find("  id:") == std::string::npos);  // system fields are not listed

            auto demo = cli({"--config", file, "demo-data", "--tickets", "5"});
            INFO(demo.err);
            CHECK(demo.code == 0);
            CHECK(demo.out.find("5 tickets") != std::string::npos);
            CHECK(demo.out.find("Admin login: admin") != std::string::npos);
            auto again = cli({"--config", file, "demo-data"});
            CHECK(again.code == 0);
            CHECK(again.out.find("already installed") != std::string::npos);
            // The demo type is now declared in <data_dir>/types, so every command sees it.
            CHECK(cli({"--config", file, "types"}).out.find("ticket (") != std::string::npos);

            if (backend != "sqlite") {
                auto backup = cli({"--config", file, "backup", (dir.path() / "copy.db").string()});
                CHECK(backup.code == 2);
                CHECK(backup.err.find("pg_dump") != std::string::npos);
            }
        }
    }
}

TEST_CASE("runtime failures answer 1") {
    TempDir dir;
    const auto file = config_file(dir, "sqlite://" + (dir.path() / "never-created.db").string());
    auto backup = cli({"--config", file, "backup", (dir.path() / "copy.db").string()});
    CHECK(backup.code == 1);
    CHECK(backup.err.find("no SQLite database") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "copy.db"));
    // A database URL nobody listens on.
    const auto unreachable = config_file(dir, "postgresql://orbita@127.0.0.1:1/none?connect_timeout=2");
    CHECK(cli({"--config", unreachable, "migrate"}).code == 1);
}

TEST_CASE("the executable: exit codes of a separate process") {
    TempDir dir;
    auto version = run_binary({"--version"}, dir);
    CHECK(version.code == 0);
    CHECK(version.out == std::string("orbita ") + orbita::kernel::kOrbitaVersion + "\n");
    CHECK(run_binary({"--help"}, dir).code == 0);
    auto unknown = run_binary({"frobnicate"}, dir);
    CHECK(unknown.code == 2);
    CHECK(unknown.err.find("unknown command 'frobnicate'") != std::string::npos);
    const auto bad = config_file(dir, "sqlite://" + (dir.path() / "x.db").string(), {{"http", {{"port", "eighty"}}}});
    CHECK(run_binary({"--config", bad, "serve"}, dir).code == 2);
    const auto good = config_file(dir, "sqlite://" + (dir.path() / "x.db").string());
    auto migrate = run_binary({"--config", good, "migrate"}, dir);
    CHECK(migrate.code == 0);
    CHECK(migrate.out == "Database is up to date.\n");
}

TEST_CASE("serve answers HTTP until SIGTERM, then exits 0") {
    TempDir dir;
    const auto file = config_file(dir, "sqlite://" + (dir.path() / "serve.db").string());
    Child child;
    spawn(child, {"--config", file, "serve"}, dir.path() / "serve.err");
    const std::string banner = child.read_line(60);
    INFO("banner: " << banner);
    std::smatch m;
    REQUIRE(std::regex_search(banner, m, std::regex(R"(^Orbita \S+ is listening on http://127\.0\.0\.1:(\d+)/$)")));
    const int port = std::stoi(m.str(1));
    orbita::test::HttpClient http(port);
    CHECK(http.get("/health").status == 200);
    CHECK(http.get("/ready").status == 200);

    // A second server on the same port fails to start (1) instead of sharing it.
    const auto second_dir = dir.path() / "second";
    std::filesystem::create_directories(second_dir);
    const auto second = config_file(dir, "sqlite://" + (second_dir / "second.db").string(), {{"http", {{"port", port}}}});
    auto clash = run_binary({"--config", second, "serve"}, dir);
    CHECK(clash.code == 1);
    CHECK(http.get("/health").status == 200);

    REQUIRE(kill(child.pid, SIGTERM) == 0);
    CHECK(child.wait(60) == 0);
}
