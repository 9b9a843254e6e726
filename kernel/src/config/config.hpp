// SPDX-License-Identifier: Apache-2.0
// The validated server configuration.
#pragma once

#include "auth/auth_options.hpp"
#include "http/http_server.hpp"
#include "jobs/job_options.hpp"
#include "log/logging.hpp"
#include "lua/budgets.hpp"
#include "storage/database.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace orbita::kernel::config {

/// Upload limits (section `files`).
struct FilesOptions {
    std::int64_t max_bytes = 50LL * 1024 * 1024;
    std::vector<std::string> allowed_types;
};

/// Everything `orbita.json` and ORBITA_* variables can set, after validation.
struct Config {
    std::string data_dir = "./var";
    http::HttpOptions http;
    std::string database_url;  ///< resolved: never empty after loading
    storage::DatabaseOptions database;
    log::LogOptions log;
    FilesOptions files;
    std::vector<std::string> entity_directories;
    int max_page_size = 500;
    std::string time_zone = "Europe/Moscow";
    std::string phone_region = "RU";
    auth::AuthOptions auth;
    jobs::JobOptions jobs;
    lua::Budgets lua;  ///< default limits of a Lua run (section `lua`)
    nlohmann::json document;  ///< the merged, validated JSON (plugins read their sections)
};

/// Configuration that cannot be used; `errors` lists every problem.
class ConfigError : public std::runtime_error {
public:
    explicit ConfigError(std::vector<std::string> errors);
    const std::vector<std::string>& errors() const { return errors_; }

private:
    std::vector<std::string> errors_;
};

/// Reads `file` (may be empty: defaults only), applies environment overrides from
/// `environment` (KEY=VALUE strings, usually `environ`), validates the result against
/// schemas/config.schema.json and converts it. Throws ConfigError listing every problem.
Config load_config(const std::string& file, const std::vector<std::string>& environment);

/// The current process environment as KEY=VALUE strings.
std::vector<std::string> process_environment();

}  // namespace orbita::kernel::config
