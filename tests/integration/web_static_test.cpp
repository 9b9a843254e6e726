// SPDX-License-Identifier: Apache-2.0
// The kernel serves the built web application: hashed assets cached for a year,
// index.html revalidated, the SPA fallback for client-side routes, no fallback for the
// API or for missing files, no way out of the web root.
#include "support/problem_assertions.hpp"
#include "support/test_server.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using orbita::test::TempDir;
using orbita::test::TestServer;

namespace {

void write(const std::filesystem::path& file, const std::string& text) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

// A site shaped like `vite build` output: index.html and content-hashed bundles.
void build_site(const TempDir& site) {
    write(site.path() / "index.html", "<!doctype html><div id=app></div><script src=/assets/index-AbC123.js></script>");
    write(site.path() / "assets" / "index-AbC123.js", "console.log('" + std::string(4000, 'x') + "');");
    write(site.path() / "assets" / "index-AbC123.css", "body{margin:0}");
    write(site.path() / "robots.txt", "User-agent: *\n");
}

}  // namespace

TEST_CASE("the web application is served with cache headers and an SPA fallback") {
    TempDir site;
    build_site(site);
    TempDir outside;
    write(outside.path() / "secret.txt", "do not serve");
    for (const auto& backend : orbita::test::test_backends()) {
        SECTION(backend) {
            TestServer server(backend, {{"web", {{"root", site.path().string()}}}});
            auto anonymous = server.anonymous_client();

            SECTION("hashed assets are immutable for a year, with their content type and gzip") {
                auto js = anonymous.request("GET", "/assets/index-AbC123.js", "", {{"Accept-Encoding", "gzip"}});
                REQUIRE(js.status == 200);
                CHECK(js.header("content-type") == "text/javascript; charset=utf-8");
                CHECK(js.header("cache-control") == "public, max-age=31536000, immutable");
                CHECK(js.header("content-encoding") == "gzip");
                auto css = anonymous.get("/assets/index-AbC123.css");
                CHECK(css.header("content-type") == "text/css; charset=utf-8");
                CHECK(css.body == "body{margin:0}");
            }
            SECTION("index.html and other files are revalidated on every load") {
                auto root = anonymous.request("GET", "/", "", {{"Accept", "text/html,application/xhtml+xml"}});
                REQUIRE(root.status == 200);
                CHECK(root.header("content-type") == "text/html; charset=utf-8");
                CHECK(root.header("cache-control") == "no-cache");
                CHECK(root.body.find("id=app") != std::string::npos);
                CHECK(anonymous.get("/robots.txt").header("cache-control") == "no-cache");
            }
            SECTION("API clients asking for / still get the service description") {
                auto root = anonymous.get("/");
                CHECK(root.header("content-type") == "application/json");
                CHECK(nlohmann::json::parse(root.body)["api"] == "/api/v1/openapi.json");
            }
            SECTION("client-side routes answer index.html, without signing in") {
                for (const std::string path : {"/records/ticket", "/records/ticket/12", "/login", "/profile"}) {
                    auto page = anonymous.get(path);
                    INFO(path);
                    CHECK(page.status == 200);
                    CHECK(page.header("content-type") == "text/html; charset=utf-8");
                    CHECK(page.body.find("id=app") != std::string::npos);
                }
            }
            SECTION("missing files, the API and other methods keep their own answers") {
                orbita::test::require_problem(anonymous.get("/assets/index-gone.js"), 404, "not-found");
                orbita::test::require_problem(anonymous.get("/api/v1/no-such-thing"), 404, "not-found");
                orbita::test::require_problem(anonymous.get("/api/v1/records/ticket"), 401, "unauthorized");
                CHECK(anonymous.request("POST", "/records/ticket", "{}").status == 404);
            }
            SECTION("paths cannot leave the web root") {
                const auto escape = "/../" + outside.path().filename().string() + "/secret.txt";
                for (const std::string& path : {escape, std::string("/assets/../../secret.txt"), std::string("/%2e%2e/secret.txt")}) {
                    auto answer = anonymous.get(path);
                    INFO(path);
                    CHECK(answer.body.find("do not serve") == std::string::npos);
                }
            }
        }
    }
}

TEST_CASE("without a built web application the server answers the API only") {
    TempDir empty;
    TestServer server("sqlite", {{"web", {{"root", empty.path().string()}}}});
    orbita::test::require_problem(server.anonymous_client().get("/records/ticket"), 404, "not-found");
    CHECK(server.anonymous_client().request("GET", "/", "", {{"Accept", "text/html"}}).header("content-type") ==
          "application/json");
}
