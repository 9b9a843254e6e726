// SPDX-License-Identifier: Apache-2.0
// Orbita::sdk_testing: a real kernel on a temporary SQLite database with one plugin loaded.
#pragma once

#include "orbita/sdk/result.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace orbita::sdk::testing {

/// An HTTP answer: status, parsed JSON body (null when not JSON) and raw text.
struct HttpAnswer {
    int status = 0;
    nlohmann::json body;
    std::string text;
};

/// What to start.
struct HarnessOptions {
    /// The built plugin's folder (plugin.json beside lib<id>.so), e.g. the
    /// OUTPUT_DIRECTORY/<id> of orbita_add_plugin.
    std::filesystem::path plugin_folder;
    /// Folders holding plugins it depends on (one sub-folder per plugin).
    std::vector<std::filesystem::path> dependency_dirs;
    /// The plugin's configuration section (`plugins.settings.<id>.config`).
    nlohmann::json config = nlohmann::json::object();
};

/// Starts the kernel exactly as `orbita serve` would (migrations, types, plugin host,
/// HTTP on a free loopback port), on a fresh SQLite database in a temporary folder that
/// is removed on destruction, with one administrator "admin". Not thread-safe; one per
/// test. Throws std::runtime_error when the kernel does not start.
class Harness {
public:
    explicit Harness(HarnessOptions options);
    ~Harness();
    Harness(const Harness&) = delete;
    Harness& operator=(const Harness&) = delete;

    /// The plugin's entry of GET /api/v1/admin/plugins (state, reason, registrations...).
    nlohmann::json plugin() const;
    /// True when the plugin reached the running state.
    bool running() const;
    /// Differences between the manifest's `provides` and what the plugin registered;
    /// also lists every kind the manifest does not declare although something was
    /// registered, so a contract test catches an incomplete manifest.
    std::vector<std::string> manifest_mismatches() const;

    /// Creates a user `login` holding a new role with `permissions`
    /// ([{"target", "operation", "scope"}]); answers the user id.
    std::int64_t create_user(const std::string& login, const nlohmann::json& permissions);
    /// Calls the server over HTTP as `login` ("admin" by default; "" for anonymous).
    HttpAnswer call(const std::string& method, const std::string& path, const nlohmann::json& body = nullptr,
                    const std::string& login = "admin");
    /// Runs a robot action the plugin registered, as `login`.
    Result<nlohmann::json> run_action(const std::string& id, const nlohmann::json& input, const std::string& login = "admin");
    /// Runs the plugin's demo-data providers as `orbita demo-data` does (system actor
    /// "system:demo-data"); answers the first failure. Call it twice to check that
    /// your provider is idempotent.
    Result<void> install_demo_data();
    /// The server's port.
    int port() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace orbita::sdk::testing
