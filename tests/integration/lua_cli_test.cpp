// SPDX-License-Identifier: Apache-2.0
// `orbita lua run|check` against a live database on both backends: JSON output with
// logs, effects and the error line; exit 1 on a script error, 2 on usage errors; dry
// runs leave nothing behind.
#include "support/cli_capture.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using nlohmann::json;
using orbita::test::run_cli_captured;
using orbita::test::TestServer;

namespace {

// An orbita.json for the server's database, and a script file, in its data directory.
struct CliSetup {
    std::string config;
    std::string dir;

    explicit CliSetup(TestServer& s) : dir((s.data_dir() / "cli").string()) {
        std::filesystem::create_directories(dir);
        config = dir + "/orbita.json";
        std::ofstream(config) << json{{"data_dir", dir + "/data"},
                                      {"database", {{"url", s.database_url()}, {"pool_size", 2}}},
                                      {"log", {{"level", "error"}}}}.dump();
    }
    std::string script(const std::string& name, const std::string& code) const {
        const auto path = dir + "/" + name;
        std::ofstream(path) << code;
        return path;
    }
    orbita::test::CliOutcome lua(std::vector<std::string> args) const {
        args.insert(args.begin(), {"--config", config, "lua"});
        return run_cli_captured(args);
    }
};

}  // namespace

TEST_CASE("orbita lua run prints the result as JSON and fails on script errors") {
    for (const auto& backend : orbita::test::test_backends()) {
        TestServer s(backend);
        SECTION(backend) {
            CliSetup cli(s);
            const auto failing = cli.script("fail.lua", "orbita.log('info', 'creating')\n"
                                                        "orbita.records.create('department', {name = 'CLI dept'})\n"
                                                        "error('stop here')\n");
            auto out = cli.lua({"run", failing, "--dry-run", "--as", "admin"});
            INFO(out.out << out.err);
            CHECK(out.code == 1);
            auto result = json::parse(out.out);
            CHECK(result["ok"] == false);
            CHECK(result["error"]["line"] == 3);
            CHECK(result["error"]["message"] == "stop here");
            CHECK(result["error"]["chunk"] == "file:" + failing);
            CHECK(result["logs"][0]["message"] == "creating");
            CHECK(result["effects"][0]["kind"] == "record.created");

            const auto create = cli.script("create.lua", "return orbita.records.create('department', {name = 'Kept'}).id\n");
            auto created = cli.lua({"run", create, "--as", "admin"});
            INFO(created.out << created.err);
            REQUIRE(created.code == 0);
            const auto id = json::parse(created.out)["value"].get<std::int64_t>();
            const auto show = cli.script("show.lua", "orbita.records.update('department', record.id, {name = 'Renamed'})\n"
                                                     "return record.name\n");
            auto shown = cli.lua({"run", show, "--dry-run", "--as", "admin", "--record", "department:" + std::to_string(id)});
            INFO(shown.out << shown.err);
            REQUIRE(shown.code == 0);
            auto shown_json = json::parse(shown.out);
            CHECK(shown_json["value"] == "Kept");
            CHECK(shown_json["committed"] == false);
            CHECK(shown_json["effects"][0]["changes"][0]["new"] == "Renamed");
            CHECK(s.client().get("/api/v1/records/department/" + std::to_string(id)).json()["name"] == "Kept");
            CHECK(s.client().get("/api/v1/records/department?filter[name]=CLI%20dept").json()["items"].empty());
        }
    }
}

TEST_CASE("orbita lua usage errors and compile checks") {
    for (const auto& backend : orbita::test::test_backends()) {
        TestServer s(backend);
        SECTION(backend) {
            CliSetup cli(s);
            const auto ok = cli.script("ok.lua", "return 1\n");
            CHECK(cli.lua({"run", ok, "--dry-run"}).code == 2);  // --as is required
            CHECK(cli.lua({"run", ok, "--as", "admin", "--record", "department"}).code == 2);
            CHECK(cli.lua({"run", ok, "--as", "admin", "--bogus"}).code == 2);
            CHECK(cli.lua({"run", cli.dir + "/missing.lua", "--as", "admin"}).code == 2);
            auto unknown = cli.lua({"run", ok, "--as", "nobody-here"});
            CHECK(unknown.code == 2);
            CHECK(unknown.err.find("nobody-here") != std::string::npos);
            const auto broken = cli.script("broken.lua", "local x =\n");
            auto check = cli.lua({"check", broken});
            CHECK(check.code == 1);
            CHECK(json::parse(check.out)["error"]["line"] == 2);
            CHECK(cli.lua({"check", ok}).code == 0);
        }
    }
}
