// SPDX-License-Identifier: Apache-2.0
#include "app/kernel.hpp"

#include "acl/access_admin.hpp"
#include "acl/admin_api.hpp"
#include "acl/grant_validator.hpp"
#include "acl/permission_registry.hpp"
#include "acl/profile_cache.hpp"
#include "acl/record_access.hpp"
#include "acl/role_store.hpp"
#include "app/process_robot_actions.hpp"
#include "app/system_api.hpp"
#include "audit/audit_log.hpp"
#include "automation/automation_module.hpp"
#include "calendar/calendar_api.hpp"
#include "calendar/calendar_lua.hpp"
#include "calendar/calendar_store.hpp"
#include "auth/auth_api.hpp"
#include "auth/auth_service.hpp"
#include "auth/session_authenticator.hpp"
#include "core/json_schema.hpp"
#include "core/resources.hpp"
#include "entity/custom_field_service.hpp"
#include "entity/entity_type_parser.hpp"
#include "entity/phone_normalizer.hpp"
#include "entity/schema_sync.hpp"
#include "entity/type_registry.hpp"
#include "entity/types_api.hpp"
#include "entity/value_codec.hpp"
#include "events/event_bus.hpp"
#include "files/file_store.hpp"
#include "files/files_api.hpp"
#include "http/http_server.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "jobs/job_admin.hpp"
#include "jobs/job_runner.hpp"
#include "jobs/jobs_api.hpp"
#include "outbox/email_channel.hpp"
#include "outbox/outbox.hpp"
#include "outbox/outbox_admin.hpp"
#include "outbox/outbox_api.hpp"
#include "outbox/outbox_lua.hpp"
#include "outbox/webhook_channel.hpp"
#include "plugins/plugin_host.hpp"
#include "processes/processes_module.hpp"
#include "plugins/plugin_jobs.hpp"
#include "lua/lua_runtime.hpp"
#include "plugins/plugins_api.hpp"
#include "plugins/sdk_constants.hpp"
#include "records/record_export.hpp"
#include "records/record_guard.hpp"
#include "records/record_repository.hpp"
#include "records/records_api.hpp"
#include "realtime/realtime_api.hpp"
#include "lists/saved_lists_api.hpp"
#include "search/search_api.hpp"
#include "scripts/constant_store.hpp"
#include "scripts/script_run_log.hpp"
#include "scripts/script_service.hpp"
#include "scripts/script_store.hpp"
#include "scripts/scripts_api.hpp"
#include "storage/database.hpp"
#include "storage/kernel_migrations.hpp"
#include "storage/migrator.hpp"
#include "web/web_fallback.hpp"

#include <Poco/Environment.h>
#include <Poco/Process.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>

namespace orbita::kernel {

namespace fs = std::filesystem;

namespace {

// The wall time of each step of open(), logged once: where a slow start goes.
class StartupSteps {
public:
    void done(const char* step) {
        const auto now = std::chrono::steady_clock::now();
        text_ += fmt::format("{}{} {:.1f}", text_.empty() ? "" : ", ", step, ms(last_, now));
        last_ = now;
    }
    void log() const { spdlog::info("kernel opened in {:.1f} ms ({} ms)", ms(start_, last_), text_); }

private:
    static double ms(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
        return std::chrono::duration<double, std::milli>(b - a).count();
    }
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_ = start_;
    std::string text_;
};

}  // namespace

Kernel::Kernel(config::Config config, std::shared_ptr<Clock> clock) : config_(std::move(config)), clock_(std::move(clock)) {}

Kernel::~Kernel() { stop(); }

storage::Database& Kernel::database() { return *db_; }
entity::TypeRegistry& Kernel::types() { return *types_; }
records::RecordRepository& Kernel::records() { return *records_; }
files::FileStore& Kernel::files() { return *files_; }
events::EventBus& Kernel::events() { return *events_; }
http::Router& Kernel::router() { return *router_; }
http::Metrics& Kernel::metrics() { return *metrics_; }
int Kernel::http_port() const { return http_ ? http_->port() : 0; }
auth::AuthService& Kernel::auth() { return *auth_; }
acl::AccessAdmin& Kernel::access_admin() { return *access_admin_; }
acl::PermissionRegistry& Kernel::permissions() { return *permissions_; }
acl::ProfileCache& Kernel::profiles() { return *profiles_; }
audit::AuditLog& Kernel::audit() { return *audit_; }
plugins::PluginHost& Kernel::plugins() { return *plugins_; }
jobs::JobHandlerRegistry& Kernel::job_handlers() { return *job_handlers_; }
jobs::JobQueue& Kernel::jobs() { return *job_queue_; }
jobs::JobRunner& Kernel::job_runner() { return *job_runner_; }
outbox::Outbox& Kernel::outbox() { return *outbox_; }
calendar::CalendarStore& Kernel::calendar() { return *calendar_; }
processes::ProcessesModule& Kernel::processes() { return *processes_; }
lua::LuaRuntime& Kernel::lua() { return *lua_; }
scripts::ConstantStore& Kernel::constants() { return *constants_; }
scripts::ScriptService& Kernel::scripts() { return *scripts_; }
automation::AutomationModule& Kernel::automation() { return *automation_; }

void Kernel::open() {
    StartupSteps steps;
    fs::create_directories(config_.data_dir);
    const auto url = storage::DatabaseUrl::parse(config_.database_url);
    spdlog::info("opening database {}", url.redacted());
    db_ = std::make_unique<storage::Database>(url, config_.database);
    steps.done("database");

    phones_ = std::make_unique<entity::PhoneNormalizer>(config_.phone_region);
    codec_ = std::make_unique<entity::ValueCodec>(*phones_);
    entity_schema_ = std::make_unique<JsonSchema>(nlohmann::json::parse(resource("schemas/entity.schema.json")));
    parser_ = std::make_unique<entity::EntityTypeParser>(*entity_schema_, *codec_);
    types_ = std::make_unique<entity::TypeRegistry>();
    audit_ = std::make_unique<audit::AuditLog>(*db_, *clock_);
    custom_fields_ = std::make_unique<entity::CustomFieldService>(*db_, *types_, *parser_, *clock_, *audit_);
    steps.done("parsers");

    storage::Migrator migrator(*db_);
    migrator.ensure_table();
    migrator.refuse_newer("kernel", storage::kernel_migrations());
    db_->read([&](storage::Connection& lock_holder) {
        db_->dialect().acquire_migration_lock(lock_holder);
        try {
            migrator.apply(storage::kernel_migrations());
            load_types();
            db_->dialect().release_migration_lock(lock_holder);
        } catch (...) {
            db_->dialect().release_migration_lock(lock_holder);
            throw;
        }
    });
    steps.done("migrations and types");
    build_services();
    steps.done("services");
    start_plugins();
    automation_->adopt_plugins(*plugins_);
    steps.done("plugins");
    install_script_defaults();
    steps.done("scripts");
    steps.log();
}

namespace {

// Names this process in job leases: host, pid and a random part (a restarted process
// with a recycled pid must not mistake the leases of its predecessor for its own).
std::string node_id() {
    std::random_device random;
    char suffix[9];
    std::snprintf(suffix, sizeof suffix, "%08x", random());
    return Poco::Environment::nodeName() + ":" + std::to_string(Poco::Process::id()) + ":" + suffix;
}

// Installed plugins sit in <prefix>/lib/orbita/plugins next to <prefix>/bin/orbita;
// operators may drop more into <data_dir>/plugins.
std::vector<fs::path> default_plugin_dirs(const std::string& data_dir) {
    std::vector<fs::path> dirs;
    std::error_code ec;
    const auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) dirs.push_back(exe.parent_path().parent_path() / "lib" / "orbita" / "plugins");
    dirs.push_back(fs::path(data_dir) / "plugins");
    return dirs;
}

}  // namespace

void Kernel::start_plugins() {
    plugin_catalog_ = std::make_unique<plugins::PluginCatalog>();
    plugin_faults_ = std::make_unique<plugins::PluginFaults>();
    plugins::CommitTargets targets{*router_, *types_, *permissions_, *events_, *records_, *db_, *plugin_catalog_, *plugin_faults_,
                                   [this](const nlohmann::json& declaration, const std::string& owner) {
                                       add_entity_type(declaration, owner);
                                   },
                                   sdk_constants_.get()};
    auto check_entity = [this](const nlohmann::json& declaration) -> std::vector<std::string> {
        try {
            parser_->parse(declaration, "declaration");
            return {};
        } catch (const entity::DeclarationError& e) {
            return e.errors();
        } catch (const std::exception& e) {
            return {e.what()};
        }
    };
    plugins_ = std::make_unique<plugins::PluginHost>(
        plugins::PluginSettings::from_config(config_.document, default_plugin_dirs(config_.data_dir)), std::move(targets),
        check_entity, config_.data_dir);
    plugins::register_plugins_api(*router_, *plugins_);
    plugins_->start();
    plugins::schedule_plugin_jobs(*plugin_catalog_, *plugin_faults_, *records_, *job_handlers_, *job_queue_, *db_, *clock_);
}

void Kernel::load_types() {
    std::vector<std::string> errors;
    auto add = [&](const entity::EntityTypePtr& type, const std::string& owner) {
        auto mutable_type = std::const_pointer_cast<entity::EntityType>(type);
        mutable_type->owner = owner;
        try {
            types_->add(type);
        } catch (const std::exception& e) {
            errors.push_back(e.what());
        }
    };
    for (const auto& name : resource_names("kernel/types/")) {
        add(parser_->parse(nlohmann::json::parse(resource(name)), name), "kernel");
    }
    std::vector<fs::path> dirs = {fs::path(config_.data_dir) / "types"};
    for (const auto& d : config_.entity_directories) dirs.emplace_back(d);
    for (const auto& dir : dirs) {
        if (!fs::is_directory(dir)) continue;
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(dir)) {
            const auto name = entry.path().filename().string();
            if (name.size() > 12 && name.compare(name.size() - 12, 12, ".entity.json") == 0) files.push_back(entry.path());
        }
        std::sort(files.begin(), files.end());
        for (const auto& file : files) {
            try {
                add(parser_->parse_file(file.string()), dir.string());
            } catch (const entity::DeclarationError& e) {
                errors.insert(errors.end(), e.errors().begin(), e.errors().end());
            }
        }
    }
    for (const auto& p : types_->check_references()) errors.push_back(p);
    if (!errors.empty()) throw entity::DeclarationError(errors);

    entity::SchemaSync sync(*db_);
    for (const auto& type : types_->all()) {
        for (const auto& ddl : sync.sync(*type)) spdlog::info("schema: {}", ddl.substr(0, 200));
    }
    for (const auto& problem : custom_fields_->load()) spdlog::warn("{}", problem);
}

void Kernel::add_entity_type(const nlohmann::json& declaration, const std::string& source) {
    auto type = parser_->parse(declaration, source);
    std::const_pointer_cast<entity::EntityType>(type)->owner = source;
    types_->add(type);
    auto problems = types_->check_references();
    if (!problems.empty()) throw entity::DeclarationError(problems);
    entity::SchemaSync(*db_).sync(*type);
}

void Kernel::build_services() {
    events_ = std::make_unique<events::EventBus>();
    profiles_ = std::make_unique<acl::ProfileCache>(*db_);
    permissions_ = std::make_unique<acl::PermissionRegistry>();
    record_access_ = std::make_unique<acl::RecordAccess>(*permissions_, db_->dialect());
    guard_ = std::make_unique<records::RecordGuard>(*types_, *record_access_, *audit_);
    records_ = std::make_unique<records::RecordRepository>(
        *db_, *types_, *codec_, *events_, *clock_, *guard_,
        records::RecordRepository::Options{config_.max_page_size, config_.time_zone});
    files_ = std::make_unique<files::FileStore>(*db_, fs::path(config_.data_dir) / "files", config_.files.max_bytes,
                                                config_.files.allowed_types, *clock_);
    roles_ = std::make_unique<acl::RoleStore>(*db_);
    grant_validator_ = std::make_unique<acl::GrantValidator>(*types_, *permissions_);
    auth_ = std::make_unique<auth::AuthService>(*db_, *clock_, config_.auth, *profiles_, *audit_);
    access_admin_ = std::make_unique<acl::AccessAdmin>(*db_, *roles_, *grant_validator_, *profiles_, *audit_, *auth_,
                                                       *records_, *clock_);
    access_admin_->watch_users(*events_);
    metrics_ = std::make_unique<http::Metrics>();
    router_ = std::make_unique<http::Router>(*metrics_);
    authenticator_ = std::make_unique<auth::SessionAuthenticator>(*auth_, *profiles_, *audit_);
    realtime::register_realtime_api(*router_, *events_, *records_, *authenticator_, *profiles_,
                                    realtime::RealtimeOptions::from_config(config_.document));

    register_system_api(*router_, *this);
    web::install_web_fallback(*router_, config_.document);
    exporter_ = std::make_unique<records::RecordExporter>(*records_, *audit_, fs::path(config_.data_dir) / "tmp");
    records::register_records_api(*router_, *records_, *exporter_);
    lists::register_saved_lists_api(*router_, *db_, *records_, *clock_);
    search::register_search_api(*router_, *records_);
    entity::register_types_api(*router_, *types_, *custom_fields_);
    files::register_files_api(*router_, *files_, *records_);
    auth::register_auth_api(*router_, *auth_, *records_);
    acl::register_admin_api(*router_, *access_admin_, *db_);
    build_automation();
    build_scripting();
    processes_ = std::make_unique<processes::ProcessesModule>(*this, *script_store_);
    automation_ = std::make_unique<automation::AutomationModule>(automation::AutomationServices{
        *db_, *types_, *records_, *events_, *router_, *access_admin_, *profiles_, *audit_, *auth_, *lua_, *job_queue_,
        *job_handlers_, *outbox_, *calendar_, *script_store_, *constants_, *clock_, config_.document, config_.time_zone});
    app::register_process_robot_actions(automation_->actions(), *processes_);
}

void Kernel::build_automation() {
    job_handlers_ = std::make_unique<jobs::JobHandlerRegistry>();
    job_store_ = std::make_unique<jobs::JobStore>(*db_);
    job_queue_ = std::make_unique<jobs::JobQueue>(*job_store_, *job_handlers_, *clock_, config_.jobs.retry);
    job_runner_ = std::make_unique<jobs::JobRunner>(*db_, *job_store_, *job_queue_, *job_handlers_, *clock_, config_.jobs, node_id());
    job_admin_ = std::make_unique<jobs::JobAdmin>(*db_, *job_store_, *job_queue_, *access_admin_, *audit_, *clock_);
    jobs::register_jobs_api(*router_, *job_admin_);

    const auto outbox_options = outbox::OutboxOptions::from_config(config_.document);
    outbox_ = std::make_unique<outbox::Outbox>(*db_, *job_queue_, *job_handlers_, *clock_);
    outbox_->add_channel(std::make_unique<outbox::WebhookChannel>(outbox_options, *clock_));
    outbox_->add_channel(std::make_unique<outbox::EmailChannel>(outbox_options.smtp));
    outbox_admin_ = std::make_unique<outbox::OutboxAdmin>(*db_, outbox_->store(), *job_store_, *job_queue_, *access_admin_,
                                                          *audit_, *clock_);
    outbox::register_outbox_api(*router_, *outbox_admin_);

    calendar_ = std::make_unique<calendar::CalendarStore>(*db_);
    calendar_->install_default();
    calendar::register_calendar_api(*router_, *calendar_, *db_, *access_admin_, *audit_, *clock_);
}

void Kernel::build_scripting() {
    constants_ = std::make_unique<scripts::ConstantStore>(*db_, *records_, *clock_);
    sdk_constants_ = std::make_unique<plugins::SdkConstants>(*constants_);
    script_store_ = std::make_unique<scripts::ScriptStore>(*db_, *clock_);
    script_runs_ = std::make_unique<scripts::ScriptRunLog>(*db_, *clock_);
    lua::RuntimeServices services{
        *records_, *clock_, config_.time_zone,
        [this](const std::string& name) { return constants_->value(name); },
        [this](const std::string& name) -> std::optional<lua::ScriptSource> {
            auto script = script_store_->find_by_name(name);
            if (!script || script->kind != "module" || !script->enabled) return std::nullopt;
            return lua::ScriptSource{"script:" + std::to_string(script->id), "scripts/" + script->name + ".lua", script->source};
        },
        [this] {
            std::vector<std::string> names;
            for (const auto& s : script_store_->of_kind("module")) names.push_back(s.name);
            return names;
        }};
    lua_ = std::make_unique<lua::LuaRuntime>(*db_, std::move(services), config_.lua);
    calendar::provide_calendar_lua(lua_->extensions(), *calendar_);
    outbox::provide_outbox_lua(lua_->extensions(), *outbox_, *db_, outbox::OutboxOptions::from_config(config_.document));
    scripts_ = std::make_unique<scripts::ScriptService>(*script_store_, *script_runs_, *lua_, *constants_, *auth_, *profiles_);
    scripts::register_scripts_api(*router_, *scripts_, *constants_, *access_admin_);
}

void Kernel::install_script_defaults() {
    std::vector<scripts::DefaultScript> defaults;
    for (const auto& name : resource_names("scripts/")) {
        if (name.size() < 5 || name.compare(name.size() - 4, 4, ".lua") != 0) continue;
        const auto stem = fs::path(name).stem().string();
        const bool constants = name == "scripts/constants.lua";
        defaults.push_back({constants ? "constants" : stem, constants ? "constants" : "module",
                            constants ? "Global constants shipped with Orbita" : "Lua module shipped with Orbita",
                            std::string(resource(name)), "kernel"});
    }
    for (const auto& m : plugin_catalog_->lua_modules()) {
        const bool constants = m.item.kind == sdk::LuaModuleKind::Constants;
        defaults.push_back({m.item.name, constants ? "constants" : "module",
                            constants ? "Constants of plugin " + m.owner : "Lua module of plugin " + m.owner, m.item.source,
                            m.owner});
    }
    for (const auto& problem : scripts_->install_defaults(defaults)) spdlog::warn("scripts: {}", problem);
}

int Kernel::start_http() {
    http_ = std::make_unique<http::HttpServer>(config_.http, *router_, *metrics_, *authenticator_);
    http_->start();
    job_runner_->start();
    ready_ = true;
    return http_->port();
}

void Kernel::stop() {
    ready_ = false;
    if (job_runner_) job_runner_->stop();
    if (http_) {
        http_->stop();
        http_.reset();
    }
    if (plugins_) plugins_->shutdown();
}

}  // namespace orbita::kernel
