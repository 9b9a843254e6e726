// SPDX-License-Identifier: Apache-2.0
// A kernel with the crm plugin loaded and its catalogs installed.
#pragma once

#include "support/test_server.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace orbita::test {

/// Starts a TestServer on `backend` with the crm plugin built in `plugin_dir` (the
/// CRM_PLUGIN_DIR of the test target) configured with `crm_config`, and the rest of
/// the kernel's configuration from `server_config` (e.g. manual_jobs_config()), then
/// runs POST /api/v1/crm/setup as the administrator.
struct CrmServer {
    TempDir plugins;
    std::optional<TestServer> server;
    std::optional<HttpClient> http;

    CrmServer(const std::string& backend, const std::string& plugin_dir, nlohmann::json crm_config = nlohmann::json::object(),
              nlohmann::json server_config = nlohmann::json::object());
    /// The administrator's client.
    HttpClient& api() { return *http; }
    /// POST /api/v1/crm/clients; fails the test unless 201. Answers the client.
    nlohmann::json client(const nlohmann::json& body);
    /// GET /api/v1/crm/search?q=...; fails the test unless 200.
    nlohmann::json search(const std::string& q);
};

/// `text` percent-encoded for a query string.
std::string url_encode(const std::string& text);
/// `bytes` in base64 without line breaks, as the crm import routes take files.
std::string base64(const std::string& bytes);
/// The bytes of a base64 text, as the crm export routes answer files.
std::string unbase64(const std::string& text);

}  // namespace orbita::test
