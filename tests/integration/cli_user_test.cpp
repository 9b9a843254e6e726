// SPDX-License-Identifier: Apache-2.0
// `orbita user add|password` on every backend: the first administrator of a fresh
// installation, exit codes (0 ok, 1 refused, 2 usage), duplicate logins, unknown roles
// and weak passwords leaving nothing behind, then signing in over HTTP with the result.
// In-process through run_cli with standard input redirected, and once through the
// real executable with the password piped in.
#include "app/cli.hpp"
#include "app/kernel.hpp"
#include "auth/auth_service.hpp"
#include "support/auth_helpers.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

#include <sys/wait.h>

using nlohmann::json;
using orbita::test::SessionClient;
using orbita::test::TempDir;
using orbita::test::TestDatabase;

namespace {

struct Outcome {
    int code;
    std::string out;
    std::string err;
};

// run_cli with `input` as standard input and the output captured.
Outcome cli(const std::vector<std::string>& args, const std::string& input) {
    std::istringstream in(input);
    std::ostringstream out, err;
    auto* old_in = std::cin.rdbuf(in.rdbuf());
    auto* old_out = std::cout.rdbuf(out.rdbuf());
    auto* old_err = std::cerr.rdbuf(err.rdbuf());
    int code = -1;
    try {
        code = orbita::kernel::run_cli(args);
    } catch (...) {
        code = -2;
    }
    std::cin.rdbuf(old_in);
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    return {code, out.str(), err.str()};
}

// A database and its configuration file, as an operator would have them.
struct Installation {
    explicit Installation(const std::string& backend) : db(backend, dir.path()) {
        orbita::test::test_config(dir.path(), db.url(), json::object());
        config_file = (dir.path() / "orbita.json").string();
    }
    Outcome user(std::vector<std::string> args, const std::string& input) {
        args.insert(args.begin(), {"--config", config_file, "user"});
        return cli(args, input);
    }
    // Signs in over HTTP against a kernel started on this installation.
    int login(const std::string& login, const std::string& password, json* body = nullptr) {
        orbita::kernel::Kernel kernel(orbita::test::test_config(dir.path(), db.url(), json::object()));
        kernel.open();
        const int port = kernel.start_http();
        SessionClient browser(port);
        auto r = browser.login(login, password);
        if (body && r.status == 200) *body = r.json();
        kernel.stop();
        return r.status;
    }
    TempDir dir;
    TestDatabase db;
    std::string config_file;
};

}  // namespace

TEST_CASE("orbita user add creates the first administrator, who can then sign in") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            Installation inst(backend);
            auto r = inst.user({"add", "--login", "root", "--role", "administrator", "--full-name", "Root User", "--email",
                                "root@example.org", "--password-stdin"},
                               "root-password-1\n");
            INFO(r.err);
            REQUIRE(r.code == 0);
            CHECK(r.out.find("User root (#") != std::string::npos);
            CHECK(r.out.find("created with roles: administrator") != std::string::npos);
            // The password never shows up in the output.
            CHECK(r.out.find("root-password-1") == std::string::npos);

            // A second user with two roles; a Windows line ending is not part of the password.
            r = inst.user({"add", "--login", "watcher", "--role", "auditor", "--role", "administrator", "--password-stdin"},
                          "watcher-pass-1\r\n");
            REQUIRE(r.code == 0);

            json body;
            REQUIRE(inst.login("root", "root-password-1", &body) == 200);
            CHECK(body["roles"] == json({"administrator"}));
            CHECK(inst.login("root", "root-password-2") == 401);
            REQUIRE(inst.login("watcher", "watcher-pass-1", &body) == 200);
            CHECK(body["roles"] == json({"administrator", "auditor"}));

            // user password replaces it.
            r = inst.user({"password", "--login", "root", "--password-stdin"}, "root-password-2\n");
            REQUIRE(r.code == 0);
            CHECK(r.out.find("Password of root changed") != std::string::npos);
            CHECK(inst.login("root", "root-password-1") == 401);
            CHECK(inst.login("root", "root-password-2") == 200);
        }
    }
}

TEST_CASE("orbita user refuses duplicates, unknown roles, weak passwords and bad usage") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            Installation inst(backend);
            REQUIRE(inst.user({"add", "--login", "root", "--role", "administrator", "--password-stdin"}, "root-password-1\n")
                        .code == 0);

            auto r = inst.user({"add", "--login", "ROOT", "--role", "auditor", "--password-stdin"}, "other-password-1\n");
            CHECK(r.code == 1);
            CHECK(r.err.find("exists") != std::string::npos);
            CHECK(inst.login("root", "root-password-1") == 200);

            r = inst.user({"add", "--login", "ann", "--role", "adminstrator", "--password-stdin"}, "ann-password-1\n");
            CHECK(r.code == 1);
            CHECK(r.err.find("unknown role 'adminstrator'") != std::string::npos);
            CHECK(r.err.find("did you mean 'administrator'") != std::string::npos);
            for (const std::string weak : {"short\n", "\n", "", "        \n"}) {
                INFO("password '" << weak << "'");
                r = inst.user({"add", "--login", "ann", "--role", "auditor", "--password-stdin"}, weak);
                CHECK(r.code == 1);
                CHECK_FALSE(r.err.empty());
            }
            // Nothing was left behind by the refusals: the login is still free.
            r = inst.user({"add", "--login", "ann", "--role", "auditor", "--password-stdin"}, "ann-password-1\n");
            CHECK(r.code == 0);
            CHECK(inst.login("ann", "ann-password-1") == 200);

            r = inst.user({"password", "--login", "nobody", "--password-stdin"}, "some-password-1\n");
            CHECK(r.code == 1);
            CHECK(r.err.find("no user with login 'nobody'") != std::string::npos);

            for (const auto& args : std::vector<std::vector<std::string>>{
                     {"add", "--login", "x", "--role", "auditor"},  // no --password-stdin
                     {"add", "--role", "auditor", "--password-stdin"},  // no --login
                     {"remove", "--login", "x", "--password-stdin"},
                     {"add", "--login", "x", "--password-stdin", "--admin"},
                     {"add", "--login"},
                     {}}) {
                INFO(json(args).dump());
                r = inst.user(args, "some-password-1\n");
                CHECK(r.code == 2);
                CHECK(r.err.find("usage: orbita user add") != std::string::npos);
            }
            CHECK(inst.login("x", "some-password-1") == 401);
        }
    }
}

TEST_CASE("the executable reads the password from its standard input") {
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            Installation inst(backend);
            const auto password_file = inst.dir.path() / "password.txt";
            std::ofstream(password_file) << "piped-password-1\n";
            auto run = [&](const std::string& args) {
                const std::string command = std::string("env -i PATH=/usr/bin:/bin timeout 60 ") + ORBITA_EXECUTABLE +
                                            " --config '" + inst.config_file + "' user " + args + " <'" +
                                            password_file.string() + "' >/dev/null 2>&1";
                const int status = std::system(command.c_str());
                return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            };
            CHECK(run("add --login piped --role administrator --password-stdin") == 0);
            CHECK(run("add --login piped --role administrator --password-stdin") == 1);
            CHECK(run("add --login piped2 --role nosuchrole --password-stdin") == 1);
            CHECK(run("add --login piped2 --password") == 2);
            CHECK(inst.login("piped", "piped-password-1") == 200);
            CHECK(inst.login("piped2", "piped-password-1") == 401);
        }
    }
}
