// SPDX-License-Identifier: Apache-2.0
#include "support/crm_server.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <catch2/catch.hpp>

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <iterator>
#include <sstream>

namespace orbita::test {

using nlohmann::json;

std::string url_encode(const std::string& text) {
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

std::string base64(const std::string& bytes) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder << bytes;
    encoder.close();
    return out.str();
}

std::string unbase64(const std::string& text) {
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in);
    return std::string(std::istreambuf_iterator<char>(decoder), {});
}

CrmServer::CrmServer(const std::string& backend, const std::string& plugin_dir, json crm_config, json server_config) {
    std::filesystem::create_directory_symlink(plugin_dir, plugins.path() / "crm");
    server_config.merge_patch({{"plugins", {{"directories", {plugins.path().string()}},
                                            {"settings", {{"crm", {{"config", std::move(crm_config)}}}}}}}});
    server.emplace(backend, std::move(server_config));
    http.emplace(server->client());
    auto setup = http->post("/api/v1/crm/setup", json::object());
    INFO(setup.body);
    REQUIRE(setup.status == 200);
}

json CrmServer::client(const json& body) {
    auto r = http->post("/api/v1/crm/clients", body);
    INFO(r.body);
    REQUIRE(r.status == 201);
    return r.json();
}

json CrmServer::search(const std::string& q) {
    auto r = http->get("/api/v1/crm/search?q=" + url_encode(q));
    INFO(r.body);
    REQUIRE(r.status == 200);
    return r.json();
}

}  // namespace orbita::test
