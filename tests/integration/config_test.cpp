// SPDX-License-Identifier: Apache-2.0
// orbita.json and ORBITA_* variables: checked against schemas/config.schema.json before
// anything starts, every error at once, nearest-name hints, environment overrides.
#include "config/config.hpp"
#include "outbox/outbox_options.hpp"
#include "support/test_backends.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>

using orbita::kernel::config::Config;
using orbita::kernel::config::ConfigError;
using orbita::kernel::config::load_config;
using orbita::test::TempDir;

namespace {

std::string write(const TempDir& dir, const std::string& text, const std::string& name = "orbita.json") {
    const auto path = dir.path() / name;
    std::ofstream(path) << text;
    return path.string();
}

// The errors of a configuration that must be refused.
std::vector<std::string> errors_of(const std::string& file, const std::vector<std::string>& env = {}) {
    try {
        load_config(file, env);
    } catch (const ConfigError& e) {
        CHECK(std::string(e.what()).rfind("invalid configuration:", 0) == 0);
        return e.errors();
    }
    FAIL("configuration was accepted");
    return {};
}

bool has(const std::vector<std::string>& errors, const std::string& fragment) {
    return std::any_of(errors.begin(), errors.end(),
                       [&](const std::string& e) { return e.find(fragment) != std::string::npos; });
}

std::string joined(const std::vector<std::string>& errors) {
    std::string out;
    for (const auto& e : errors) out += e + "\n";
    return out;
}

}  // namespace

TEST_CASE("no file and no environment: the documented defaults") {
    Config c = load_config("", {});
    CHECK(c.data_dir == "./var");
    CHECK(c.http.host == "127.0.0.1");
    CHECK(c.http.port == 8080);
    CHECK(c.http.max_body_bytes == 10u * 1024 * 1024);
    CHECK(c.http.max_json_depth == 32);
    CHECK(c.database_url == "sqlite://./var/orbita.db");
    CHECK(c.database.pool_size == 16);
    CHECK(c.log.level == "info");
    CHECK(c.files.max_bytes == 50LL * 1024 * 1024);
    CHECK(std::find(c.files.allowed_types.begin(), c.files.allowed_types.end(), "application/pdf") !=
          c.files.allowed_types.end());
    CHECK(c.max_page_size == 500);
    CHECK(c.time_zone == "Europe/Moscow");
    CHECK(c.phone_region == "RU");
}

TEST_CASE("a valid orbita.json is applied") {
    TempDir dir;
    auto file = write(dir, R"({
      "$schema": "../schemas/config.schema.json",
      "data_dir": "/srv/orbita",
      "http": {"host": "0.0.0.0", "port": 9000, "max_body_bytes": 2048, "gzip_min_bytes": 0},
      "database": {"url": "postgresql://orbita:secret@db:5432/crm", "pool_size": 4},
      "log": {"level": "debug", "format": "json"},
      "files": {"max_bytes": 1000, "allowed_types": ["image/*", "application/pdf"]},
      "entities": {"directories": ["/etc/orbita/types"]},
      "records": {"max_page_size": 1000},
      "locale": {"time_zone": "Asia/Yekaterinburg", "phone_region": "KZ"}
    })");
    Config c = load_config(file, {});
    CHECK(c.data_dir == "/srv/orbita");
    CHECK(c.http.host == "0.0.0.0");
    CHECK(c.http.port == 9000);
    CHECK(c.http.max_body_bytes == 2048);
    CHECK(c.http.gzip_min_bytes == 0);
    CHECK(c.database_url == "postgresql://orbita:secret@db:5432/crm");
    CHECK(c.database.pool_size == 4);
    CHECK(c.log.format == "json");
    CHECK(c.files.max_bytes == 1000);
    CHECK(c.files.allowed_types == std::vector<std::string>{"image/*", "application/pdf"});
    CHECK(c.entity_directories == std::vector<std::string>{"/etc/orbita/types"});
    CHECK(c.max_page_size == 1000);
    CHECK(c.time_zone == "Asia/Yekaterinburg");
    CHECK(c.phone_region == "KZ");
    CHECK(c.document["http"]["port"] == 9000);
    // The SQLite default follows data_dir.
    CHECK(load_config(write(dir, R"({"data_dir": "/srv/x"})", "b.json"), {}).database_url == "sqlite:///srv/x/orbita.db");
}

TEST_CASE("every problem of a broken file is reported at once, unknown keys with a hint") {
    TempDir dir;
    auto file = write(dir, R"({
      "htpp": {"port": 1},
      "http": {"port": 70000, "max_thread": 8, "max_json_depth": 1},
      "database": {"url": "mysql://root@localhost/crm", "pool_sise": 4},
      "log": {"level": "loud"},
      "files": {"allowed_types": ["images"]},
      "records": {"max_page_size": "many"},
      "locale": {"time_zone": "Mars/Olympus", "phone_region": "ru"}
    })");
    auto errors = errors_of(file);
    INFO(joined(errors));
    CHECK(has(errors, "htpp: unknown key 'htpp' (did you mean 'http'?)"));
    CHECK(has(errors, "http.max_thread: unknown key 'max_thread' (did you mean 'max_threads'?)"));
    CHECK(has(errors, "database.pool_sise: unknown key 'pool_sise' (did you mean 'pool_size'?)"));
    CHECK(has(errors, "http.port"));
    CHECK(has(errors, "http.max_json_depth"));
    CHECK(has(errors, "log.level"));
    CHECK(has(errors, "files.allowed_types[0]"));
    CHECK(has(errors, "records.max_page_size"));
    CHECK(has(errors, "locale.phone_region"));
    // Checks beyond the schema are reported in the same run.
    CHECK(has(errors, "locale.time_zone: unknown time zone 'Mars/Olympus'"));
    CHECK(has(errors, "database.url: unsupported database URL scheme"));
    CHECK(errors.size() >= 11);
}

TEST_CASE("unreadable, malformed and non-object files are refused") {
    TempDir dir;
    CHECK(has(errors_of((dir.path() / "missing.json").string()), "cannot be read"));
    CHECK(has(errors_of(write(dir, "{\"http\": {\"port\": 80,}}")), "not valid JSON"));
    CHECK(has(errors_of(write(dir, "[1, 2]")), "must be a JSON object"));
}

TEST_CASE("ORBITA_* variables override the file") {
    TempDir dir;
    auto file = write(dir, R"({"data_dir": "/from/file", "http": {"port": 9000}, "records": {"max_page_size": 100}})");
    Config c = load_config(file, {"ORBITA_HTTP_PORT=9090",
                                  "ORBITA_HTTP_HOST=0.0.0.0",
                                  "ORBITA_DATA_DIR=/from/env",
                                  "ORBITA_DB_URL=postgresql://u:p@h:5432/d",
                                  "ORBITA_LOG_LEVEL=warn",
                                  "ORBITA_LOG_FORMAT=json",
                                  "ORBITA__RECORDS__MAX_PAGE_SIZE=1000",
                                  "ORBITA__HTTP__ACCESS_LOG=false",
                                  "ORBITA__FILES__ALLOWED_TYPES=[\"image/*\"]",
                                  "ORBITA__LOCALE__TIME_ZONE=Europe/Samara",
                                  "PATH=/usr/bin",
                                  "ORBITA_TEST_PG_URL=ignored",
                                  "ORBITA_CONFIG=ignored.json",
                                  "not-a-pair"});
    CHECK(c.http.port == 9090);
    CHECK(c.http.host == "0.0.0.0");
    CHECK(c.data_dir == "/from/env");
    CHECK(c.database_url == "postgresql://u:p@h:5432/d");
    CHECK(c.log.level == "warn");
    CHECK(c.log.format == "json");
    CHECK(c.max_page_size == 1000);
    CHECK_FALSE(c.http.access_log);
    CHECK(c.files.allowed_types == std::vector<std::string>{"image/*"});
    CHECK(c.time_zone == "Europe/Samara");
    // Without a file, the environment alone configures everything.
    CHECK(load_config("", {"ORBITA_DATA_DIR=/env/only"}).database_url == "sqlite:///env/only/orbita.db");
}

TEST_CASE("text settings keep text that looks like a number or a boolean") {
    Config c = load_config("", {"ORBITA_DATA_DIR=2024", "ORBITA__LOG__FILE=true", "ORBITA_HTTP_HOST=127.0.0.1"});
    CHECK(c.data_dir == "2024");
    CHECK(c.log.file == "true");
    CHECK(c.http.host == "127.0.0.1");
}

TEST_CASE("bad environment values are configuration errors, not crashes") {
    auto errors = errors_of("", {"ORBITA_HTTP_PORT=abc", "ORBITA__HTTP__MAX_THREADS=2", "ORBITA__NOPE__X=1",
                                 "ORBITA__RECORDS__MAX_PAEG_SIZE=5", "ORBITA_LOG_LEVEL=loud",
                                 "ORBITA_DB_URL=oracle://x"});
    INFO(joined(errors));
    CHECK(has(errors, "http.port"));
    CHECK(has(errors, "http.max_threads"));
    CHECK(has(errors, "nope: unknown key 'nope'"));
    CHECK(has(errors, "records.max_paeg_size: unknown key 'max_paeg_size' (did you mean 'max_page_size'?)"));
    CHECK(has(errors, "log.level"));
    CHECK(has(errors, "database.url"));
    // A variable that cannot be placed (a key below a non-object value).
    CHECK(has(errors_of("", {"ORBITA_HTTP_PORT=8080", "ORBITA__HTTP__PORT__X=1"}), "ORBITA__HTTP__PORT__X"));
    // An unknown ORBITA_ short name is only a warning.
    CHECK_NOTHROW(load_config("", {"ORBITA_HTTP_PROT=1"}));
}

TEST_CASE("webhook hosts for scripts come from the file or ORBITA__OUTBOX__WEBHOOKS__ALLOWED_HOSTS") {
    using orbita::kernel::outbox::OutboxOptions;
    CHECK(OutboxOptions::from_config(load_config("", {}).document).webhook_allowed_hosts.empty());
    const Config c = load_config("", {R"(ORBITA__OUTBOX__WEBHOOKS__ALLOWED_HOSTS=["hooks.example.com", "*.partner.ru:8443"])",
                                      "ORBITA__OUTBOX__WEBHOOKS__URL_SECRET=a-long-url-signing-secret"});
    const auto options = OutboxOptions::from_config(c.document);
    CHECK(options.webhook_allowed_hosts == std::vector<std::string>{"hooks.example.com", "*.partner.ru:8443"});
    CHECK(options.webhook_url_secret == "a-long-url-signing-secret");
    const auto errors = errors_of("", {R"(ORBITA__OUTBOX__WEBHOOKS__ALLOWED_HOSTS=["https://hooks.example.com/x"])",
                                       "ORBITA__OUTBOX__WEBHOOKS__URL_SECRET=short"});
    INFO(joined(errors));
    CHECK(has(errors, "allowed_hosts"));
    CHECK(has(errors, "url_secret"));
}
