// SPDX-License-Identifier: Apache-2.0
#include "web/static_site.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

using orbita::kernel::web::StaticSite;
namespace fs = std::filesystem;

namespace {

// A folder shaped like `vite build` output, removed afterwards.
struct BuiltSite {
    fs::path root = fs::temp_directory_path() / ("orbita-site-" + std::to_string(std::random_device{}()));
    BuiltSite() {
        write("index.html", "<div id=app></div>");
        write("assets/index-AbC123.js", "export{}");
        write("favicon.svg", "<svg/>");
        write("../outside-" + root.filename().string() + ".txt", "secret");
    }
    ~BuiltSite() {
        std::error_code ec;
        fs::remove(root.parent_path() / ("outside-" + root.filename().string() + ".txt"), ec);
        fs::remove_all(root, ec);
    }
    void write(const std::string& relative, const std::string& text) const {
        fs::create_directories((root / relative).parent_path());
        std::ofstream(root / relative, std::ios::binary) << text;
    }
    std::string header(const orbita::kernel::http::Response& r, const std::string& name) const {
        for (const auto& [k, v] : r.headers) {
            if (k == name) return v;
        }
        return {};
    }
};

}  // namespace

TEST_CASE("StaticSite serves hashed assets as immutable and the rest revalidated") {
    BuiltSite built;
    StaticSite site(built.root);
    REQUIRE(site.available());

    auto js = site.serve("/assets/index-AbC123.js");
    REQUIRE(js);
    CHECK(js->body == "export{}");
    CHECK(js->content_type == "text/javascript; charset=utf-8");
    CHECK(built.header(*js, "Cache-Control") == "public, max-age=31536000, immutable");

    auto icon = site.serve("/favicon.svg");
    REQUIRE(icon);
    CHECK(icon->content_type == "image/svg+xml");
    CHECK(built.header(*icon, "Cache-Control") == "no-cache");

    auto index = site.serve("/");
    REQUIRE(index);
    CHECK(index->content_type == "text/html; charset=utf-8");
    CHECK(built.header(*index, "Cache-Control") == "no-cache");
}

TEST_CASE("StaticSite answers index.html for client routes and nothing for missing files") {
    BuiltSite built;
    StaticSite site(built.root);
    for (const std::string path : {"/records/ticket", "/records/ticket/12/", "/login"}) {
        INFO(path);
        auto page = site.serve(path);
        REQUIRE(page);
        CHECK(page->body == "<div id=app></div>");
    }
    CHECK_FALSE(site.serve("/assets/index-gone.js"));
    CHECK_FALSE(site.serve("/robots.txt"));
}

TEST_CASE("StaticSite never leaves its root") {
    BuiltSite built;
    StaticSite site(built.root);
    const std::string outside = "outside-" + built.root.filename().string() + ".txt";
    for (const std::string& path : {"/../" + outside, "/assets/../../" + outside, "/./../" + outside}) {
        INFO(path);
        CHECK_FALSE(site.serve(path));
    }
}

TEST_CASE("StaticSite without index.html serves nothing") {
    StaticSite site(fs::temp_directory_path() / "orbita-no-such-site");
    CHECK_FALSE(site.available());
    CHECK_FALSE(site.serve("/"));
    CHECK_FALSE(site.serve("/records/ticket"));
}

TEST_CASE("StaticSite::resolve_root prefers the configured folder") {
    CHECK(StaticSite::resolve_root({{"web", {{"root", "/srv/orbita-web"}}}}) == fs::path("/srv/orbita-web"));
    CHECK(StaticSite::content_type_of("a/b.woff2") == "font/woff2");
    CHECK(StaticSite::content_type_of("a/b.unknown") == "application/octet-stream");
}
