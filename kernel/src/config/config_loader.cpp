// SPDX-License-Identifier: Apache-2.0
#include "config/config.hpp"

#include "core/json_schema.hpp"
#include "core/nearest_name.hpp"
#include "core/resources.hpp"

#include <spdlog/spdlog.h>

#include <date/tz.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>

extern char** environ;

namespace orbita::kernel::config {

namespace {

std::string join_lines(const std::vector<std::string>& lines) {
    std::string out = "invalid configuration:";
    for (const auto& l : lines) out += "\n  - " + l;
    return out;
}

// Short names for the settings people change most; ORBITA__A__B reaches any key.
const std::map<std::string, std::string>& env_aliases() {
    static const std::map<std::string, std::string> aliases = {
        {"ORBITA_HTTP_PORT", "/http/port"},     {"ORBITA_HTTP_HOST", "/http/host"},
        {"ORBITA_DATA_DIR", "/data_dir"},       {"ORBITA_DB_URL", "/database/url"},
        {"ORBITA_LOG_LEVEL", "/log/level"},     {"ORBITA_LOG_FORMAT", "/log/format"},
    };
    return aliases;
}

// True when the schema declares the setting at `pointer` as text (a string or an enum
// of strings).
bool is_text_setting(const nlohmann::json& schema, const std::string& pointer) {
    const nlohmann::json* node = &schema;
    for (std::size_t start = 1; start <= pointer.size();) {
        const auto slash = std::min(pointer.find('/', start), pointer.size());
        const std::string token = pointer.substr(start, slash - start);
        if (!node->contains("properties") || !(*node)["properties"].contains(token)) return false;
        node = &(*node)["properties"][token];
        start = slash + 1;
    }
    if (node->contains("enum")) {
        const auto& values = (*node)["enum"];
        return std::all_of(values.begin(), values.end(), [](const nlohmann::json& v) { return v.is_string(); });
    }
    return node->value("type", "") == "string";
}

// Environment values are text: numbers, booleans and JSON arrays are read as such so
// the schema can check them ("ORBITA_HTTP_PORT=abc" is then a type error, not a crash),
// but a text setting keeps its text ("ORBITA_DATA_DIR=2024" names a directory).
nlohmann::json env_value(const std::string& text, bool is_text) {
    if (is_text) return text;
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    if (!parsed.is_discarded() && !parsed.is_string()) return parsed;
    return text;
}

void apply_environment(nlohmann::json& doc, const std::vector<std::string>& environment, const nlohmann::json& schema,
                       std::vector<std::string>& errors) {
    std::vector<std::string> known;
    for (const auto& [k, v] : env_aliases()) known.push_back(k);
    for (const auto& entry : environment) {
        auto eq = entry.find('=');
        if (eq == std::string::npos) continue;
        const std::string key = entry.substr(0, eq), value = entry.substr(eq + 1);
        if (key.rfind("ORBITA_", 0) != 0) continue;
        std::string pointer;
        if (auto it = env_aliases().find(key); it != env_aliases().end()) {
            pointer = it->second;
        } else if (key.rfind("ORBITA__", 0) == 0) {
            std::string rest = key.substr(8);
            for (std::size_t pos; (pos = rest.find("__")) != std::string::npos;) {
                pointer += "/" + rest.substr(0, pos);
                rest = rest.substr(pos + 2);
            }
            pointer += "/" + rest;
            for (auto& c : pointer) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else {
            if (key != "ORBITA_CONFIG" && key.rfind("ORBITA_TEST_", 0) != 0)
                spdlog::warn("environment variable {} is not an Orbita setting{}", key, did_you_mean(key, known));
            continue;
        }
        try {
            doc[nlohmann::json::json_pointer(pointer)] = env_value(value, is_text_setting(schema, pointer));
        } catch (const std::exception& e) {
            errors.push_back(key + ": cannot be applied to " + pointer + ": " + e.what());
        }
    }
}

template <class T>
void read(const nlohmann::json& doc, const char* pointer, T& target) {
    nlohmann::json::json_pointer p(pointer);
    if (doc.contains(p)) target = doc.at(p).get<T>();
}

std::vector<std::string> default_file_types() {
    return {"image/*", "audio/*", "video/*", "text/plain", "text/csv", "application/pdf", "application/zip",
            "application/json", "application/xml", "application/msword", "application/vnd.ms-excel",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
            "application/octet-stream"};
}

void read_jobs(const nlohmann::json& doc, jobs::JobOptions& j) {
    read(doc, "/jobs/workers", j.workers);
    read(doc, "/jobs/batch_size", j.batch_size);
    read(doc, "/jobs/max_attempts", j.retry.max_attempts);
    read(doc, "/jobs/retention_days", j.retention_days);
    auto millis = [&doc](const char* pointer, std::int64_t scale, std::chrono::milliseconds& target) {
        std::int64_t value = target.count() / scale;
        read(doc, pointer, value);
        target = std::chrono::milliseconds(value * scale);
    };
    millis("/jobs/poll_interval_ms", 1, j.poll_interval);
    millis("/jobs/lease_seconds", 1000, j.lease);
    millis("/jobs/backoff_base_seconds", 1000, j.retry.base);
    millis("/jobs/backoff_max_seconds", 1000, j.retry.cap);
}

}  // namespace

ConfigError::ConfigError(std::vector<std::string> errors) : std::runtime_error(join_lines(errors)), errors_(std::move(errors)) {}

std::vector<std::string> process_environment() {
    std::vector<std::string> out;
    for (char** e = environ; e && *e; ++e) out.emplace_back(*e);
    return out;
}

Config load_config(const std::string& file, const std::vector<std::string>& environment) {
    std::vector<std::string> errors;
    nlohmann::json doc = nlohmann::json::object();
    if (!file.empty()) {
        std::ifstream in(file);
        if (!in) throw ConfigError({file + ": cannot be read"});
        try {
            doc = nlohmann::json::parse(in);
        } catch (const nlohmann::json::parse_error& e) {
            throw ConfigError({file + ": not valid JSON: " + e.what()});
        }
        if (!doc.is_object()) throw ConfigError({file + ": the configuration must be a JSON object"});
    }
    static const JsonSchema schema(nlohmann::json::parse(resource("schemas/config.schema.json")));
    apply_environment(doc, environment, schema.document(), errors);
    for (const auto& e : schema.validate(doc)) errors.push_back(e.path + ": " + e.message);

    // Checks the schema cannot express run even when it found problems, so one start
    // reports everything that is wrong.
    auto text_at = [&doc](const char* pointer) -> std::optional<std::string> {
        const nlohmann::json::json_pointer p(pointer);
        if (!doc.contains(p) || !doc.at(p).is_string()) return std::nullopt;
        return doc.at(p).get<std::string>();
    };
    if (auto zone = text_at("/locale/time_zone")) {
        try {
            date::locate_zone(*zone);
        } catch (const std::exception&) {
            errors.push_back("locale.time_zone: unknown time zone '" + *zone + "' (use an IANA name such as Europe/Moscow)");
        }
    }
    if (auto url = text_at("/database/url"); url && !url->empty()) {
        try {
            storage::DatabaseUrl::parse(*url);
        } catch (const std::exception& e) {
            errors.push_back(std::string("database.url: ") + e.what());
        }
    }

    Config c;
    if (errors.empty()) {
        read(doc, "/data_dir", c.data_dir);
        read(doc, "/http/host", c.http.host);
        read(doc, "/http/port", c.http.port);
        read(doc, "/http/max_threads", c.http.max_threads);
        read(doc, "/http/max_queued", c.http.max_queued);
        read(doc, "/http/keep_alive_timeout_s", c.http.keep_alive_timeout_s);
        read(doc, "/http/keep_alive_max_requests", c.http.keep_alive_max_requests);
        read(doc, "/http/max_body_bytes", c.http.max_body_bytes);
        read(doc, "/http/max_json_depth", c.http.max_json_depth);
        read(doc, "/http/gzip_min_bytes", c.http.gzip_min_bytes);
        read(doc, "/http/access_log", c.http.access_log);
        read(doc, "/http/max_active_requests", c.http.max_active_requests);
        read(doc, "/http/admission_patience_ms", c.http.admission_patience_ms);
        read(doc, "/database/url", c.database_url);
        c.database.pool_size = 16;
        read(doc, "/database/pool_size", c.database.pool_size);
        read(doc, "/database/busy_timeout_ms", c.database.busy_timeout_ms);
        read(doc, "/database/lease_timeout_ms", c.database.lease_timeout_ms);
        read(doc, "/log/level", c.log.level);
        read(doc, "/log/format", c.log.format);
        read(doc, "/log/file", c.log.file);
        read(doc, "/files/max_bytes", c.files.max_bytes);
        c.files.allowed_types = default_file_types();
        read(doc, "/files/allowed_types", c.files.allowed_types);
        read(doc, "/entities/directories", c.entity_directories);
        read(doc, "/records/max_page_size", c.max_page_size);
        read(doc, "/locale/time_zone", c.time_zone);
        read(doc, "/locale/phone_region", c.phone_region);
        read(doc, "/auth/session_idle_minutes", c.auth.session_idle_minutes);
        read(doc, "/auth/session_max_days", c.auth.session_max_days);
        read(doc, "/auth/max_failed_logins", c.auth.max_failed_logins);
        read(doc, "/auth/failure_window_minutes", c.auth.failure_window_minutes);
        read(doc, "/auth/lockout_minutes", c.auth.lockout_minutes);
        read(doc, "/auth/login_attempts_per_minute", c.auth.login_attempts_per_minute);
        read(doc, "/auth/secure_cookies", c.auth.secure_cookies);
        read(doc, "/auth/totp_issuer", c.auth.totp_issuer);
        read(doc, "/auth/password_hash_ops", c.auth.hash_cost.ops);
        read(doc, "/lua/max_instructions", c.lua.instructions);
        std::size_t lua_memory_mb = c.lua.memory_bytes / (1024 * 1024);
        read(doc, "/lua/max_memory_mb", lua_memory_mb);
        c.lua.memory_bytes = lua_memory_mb * 1024 * 1024;
        std::int64_t lua_time_ms = c.lua.time.count();
        read(doc, "/lua/time_limit_ms", lua_time_ms);
        c.lua.time = std::chrono::milliseconds(lua_time_ms);
        read(doc, "/lua/max_call_depth", c.lua.call_depth);
        std::size_t memory_kib = c.auth.hash_cost.memory_bytes / 1024;
        read(doc, "/auth/password_hash_memory_kib", memory_kib);
        c.auth.hash_cost.memory_bytes = memory_kib * 1024;
        read_jobs(doc, c.jobs);
        if (c.database_url.empty()) c.database_url = "sqlite://" + (std::filesystem::path(c.data_dir) / "orbita.db").string();
    }
    if (!errors.empty()) throw ConfigError(errors);
    c.document = std::move(doc);
    return c;
}

}  // namespace orbita::kernel::config
