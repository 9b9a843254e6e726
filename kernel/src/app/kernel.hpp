// SPDX-License-Identifier: Apache-2.0
// The kernel assembled from its parts: storage, types, records, files, HTTP.
#pragma once

#include "config/config.hpp"
#include "core/clock.hpp"

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace orbita::kernel {

namespace storage {
class Database;
}
namespace entity {
class TypeRegistry;
class PhoneNormalizer;
class ValueCodec;
class EntityTypeParser;
class CustomFieldService;
}  // namespace entity
namespace events {
class EventBus;
}
namespace records {
class RecordRepository;
class RecordGuard;
class RecordExporter;
}
namespace files {
class FileStore;
}
namespace http {
class Router;
class Metrics;
class HttpServer;
class Authenticator;
}  // namespace http
namespace acl {
class ProfileCache;
class PermissionRegistry;
class RoleStore;
class GrantValidator;
class AccessAdmin;
class RecordAccess;
}  // namespace acl
namespace audit {
class AuditLog;
}
namespace auth {
class AuthService;
}
namespace plugins {
class PluginHost;
class PluginCatalog;
class PluginFaults;
class SdkConstants;
}  // namespace plugins
namespace jobs {
class JobHandlerRegistry;
class JobStore;
class JobQueue;
class JobRunner;
class JobAdmin;
}  // namespace jobs
namespace outbox {
class Outbox;
class OutboxAdmin;
}  // namespace outbox
namespace calendar {
class CalendarStore;
}
namespace lua {
class LuaRuntime;
}
namespace processes {
class ProcessesModule;
}
namespace scripts {
class ConstantStore;
class ScriptStore;
class ScriptRunLog;
class ScriptService;
}  // namespace scripts
namespace automation {
class AutomationModule;
}
class JsonSchema;

/// Owns every kernel service and starts them in order:
///   open database -> refuse newer schema -> kernel migrations -> entity types
///   (built-in, <data_dir>/types, configured directories) -> table sync -> custom
///   fields -> services and routes (jobs, outbox, calendar included) -> plugins (their
///   jobs become periodic jobs) -> HTTP, then the job workers.
/// Used by `orbita serve`, the other commands and the integration tests alike.
class Kernel {
public:
    explicit Kernel(config::Config config, std::shared_ptr<Clock> clock = std::make_shared<SystemClock>());
    ~Kernel();
    Kernel(const Kernel&) = delete;
    Kernel& operator=(const Kernel&) = delete;

    /// Opens the database, migrates it and loads the entity types. Throws with a
    /// readable message when the schema is newer or a declaration is broken.
    void open();
    /// Registers an entity type declared in JSON (demo data, tests, later plugins)
    /// and creates its table; `source` names it in errors.
    void add_entity_type(const nlohmann::json& declaration, const std::string& source);
    /// Starts serving HTTP, then the job workers (`jobs.workers`); answers the bound port.
    int start_http();
    /// Stops the job workers (after their current job), then HTTP (waits for in-flight
    /// requests), then the plugins.
    void stop();
    bool ready() const { return ready_; }

    const config::Config& config() const { return config_; }
    Clock& clock() { return *clock_; }
    storage::Database& database();
    entity::TypeRegistry& types();
    records::RecordRepository& records();
    files::FileStore& files();
    events::EventBus& events();
    http::Router& router();
    http::Metrics& metrics();
    auth::AuthService& auth();
    acl::AccessAdmin& access_admin();
    acl::PermissionRegistry& permissions();
    acl::ProfileCache& profiles();
    audit::AuditLog& audit();
    /// The plugin host (after open()): report, catalog of robot actions and the like.
    plugins::PluginHost& plugins();
    /// The Lua sandbox every script runs in (robots, processes, dry runs, CLI).
    lua::LuaRuntime& lua();
    /// Global constants (typed, versioned), read by Lua as `const.NAME`.
    scripts::ConstantStore& constants();
    /// Stored scripts: versions, compile checks, dry runs and run history.
    scripts::ScriptService& scripts();
    int http_port() const;
    /// Background jobs: register handlers by kind, schedule in a transaction, run due
    /// jobs now (tests drive the manual clock and call runner().run_due()).
    jobs::JobHandlerRegistry& job_handlers();
    jobs::JobQueue& jobs();
    jobs::JobRunner& job_runner();
    /// Effects that leave the process, written in the caller's transaction.
    outbox::Outbox& outbox();
    /// The working calendar (current() for computations).
    calendar::CalendarStore& calendar();
    /// In-app notifications and durable processes (engine, robot-shaped actions).
    processes::ProcessesModule& processes();
    /// Pipelines, robots, triggers and the robot action registry.
    automation::AutomationModule& automation();

private:
    void load_types();
    void build_services();
    void start_plugins();
    void build_automation();
    /// Constants and scripts shipped with the kernel and plugins, installed where no
    /// administrator has edited them.
    void install_script_defaults();
    void build_scripting();

    config::Config config_;
    std::shared_ptr<Clock> clock_;
    // Plugin instances are destroyed after every service that holds their handlers
    // (router, event bus, permission rules), hence declared first.
    std::unique_ptr<plugins::PluginCatalog> plugin_catalog_;
    std::unique_ptr<plugins::PluginFaults> plugin_faults_;
    std::unique_ptr<plugins::PluginHost> plugins_;
    std::unique_ptr<storage::Database> db_;
    std::unique_ptr<entity::PhoneNormalizer> phones_;
    std::unique_ptr<entity::ValueCodec> codec_;
    std::unique_ptr<JsonSchema> entity_schema_;
    std::unique_ptr<entity::EntityTypeParser> parser_;
    std::unique_ptr<entity::TypeRegistry> types_;
    std::unique_ptr<entity::CustomFieldService> custom_fields_;
    std::unique_ptr<events::EventBus> events_;
    std::unique_ptr<records::RecordRepository> records_;
    std::unique_ptr<files::FileStore> files_;
    std::unique_ptr<acl::ProfileCache> profiles_;
    std::unique_ptr<acl::PermissionRegistry> permissions_;
    std::unique_ptr<acl::RoleStore> roles_;
    std::unique_ptr<acl::GrantValidator> grant_validator_;
    std::unique_ptr<audit::AuditLog> audit_;
    std::unique_ptr<auth::AuthService> auth_;
    std::unique_ptr<acl::AccessAdmin> access_admin_;
    std::unique_ptr<acl::RecordAccess> record_access_;
    std::unique_ptr<records::RecordGuard> guard_;
    std::unique_ptr<records::RecordExporter> exporter_;
    std::unique_ptr<jobs::JobHandlerRegistry> job_handlers_;
    std::unique_ptr<jobs::JobStore> job_store_;
    std::unique_ptr<jobs::JobQueue> job_queue_;
    std::unique_ptr<jobs::JobRunner> job_runner_;
    std::unique_ptr<jobs::JobAdmin> job_admin_;
    std::unique_ptr<outbox::Outbox> outbox_;
    std::unique_ptr<outbox::OutboxAdmin> outbox_admin_;
    std::unique_ptr<calendar::CalendarStore> calendar_;
    std::unique_ptr<scripts::ConstantStore> constants_;
    std::unique_ptr<plugins::SdkConstants> sdk_constants_;
    std::unique_ptr<lua::LuaRuntime> lua_;
    std::unique_ptr<scripts::ScriptStore> script_store_;
    std::unique_ptr<scripts::ScriptRunLog> script_runs_;
    std::unique_ptr<scripts::ScriptService> scripts_;
    std::unique_ptr<http::Metrics> metrics_;
    std::unique_ptr<http::Router> router_;
    std::unique_ptr<http::Authenticator> authenticator_;
    std::unique_ptr<http::HttpServer> http_;
    // Last: it holds references into most of the services above.
    std::unique_ptr<processes::ProcessesModule> processes_;
    // Declared last: destroyed first, before the services its handlers point into.
    std::unique_ptr<automation::AutomationModule> automation_;
    std::atomic<bool> ready_{false};
};

}  // namespace orbita::kernel
