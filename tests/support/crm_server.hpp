// SPDX-License-Identifier: Apache-2.0
// A kernel with the crm plugin for the crm integration tests. Header-only: the tests
// that include it define CRM_PLUGIN_DIR (tests/CMakeLists.txt), the support library
// does not know the plugin.
#pragma once

#include "support/test_server.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>

namespace orbita::test {

/// `text` percent-encoded for a query parameter.
inline std::string url_encode(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

/// A kernel with the crm plugin loaded (and its catalogs installed).
struct CrmServer {
    TempDir plugins;
    std::optional<TestServer> server;
    std::optional<HttpClient> http;

    explicit CrmServer(const std::string& backend, nlohmann::json crm_config = nlohmann::json::object(),
                       nlohmann::json server_config = nlohmann::json::object()) {
        std::filesystem::create_directory_symlink(CRM_PLUGIN_DIR, plugins.path() / "crm");
        server_config["plugins"] = {{"directories", {plugins.path().string()}}, {"settings", {{"crm", {{"config", crm_config}}}}}};
        server.emplace(backend, server_config);
        http.emplace(server->client());
        auto setup = http->post("/api/v1/crm/setup", nlohmann::json::object());
        INFO(setup.body);
        REQUIRE(setup.status == 200);
    }
    HttpClient& api() { return *http; }
    nlohmann::json client(nlohmann::json body) {
        auto r = http->post("/api/v1/crm/clients", body);
        INFO(r.body);
        REQUIRE(r.status == 201);
        return r.json();
    }
    nlohmann::json search(const std::string& q) {
        auto r = http->get("/api/v1/crm/search?q=" + url_encode(q));
        INFO(r.body);
        REQUIRE(r.status == 200);
        return r.json();
    }
};

}  // namespace orbita::test
