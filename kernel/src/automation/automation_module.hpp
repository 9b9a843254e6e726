// SPDX-License-Identifier: Apache-2.0
// The business-process engine wired into the kernel: pipelines, robots, triggers, actions.
#pragma once

#include "core/clock.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace orbita::kernel {
namespace storage {
class Database;
}
namespace entity {
class TypeRegistry;
}
namespace records {
class RecordRepository;
}
namespace events {
class EventBus;
}
namespace http {
class Router;
}
namespace acl {
class AccessAdmin;
class ProfileCache;
}  // namespace acl
namespace audit {
class AuditLog;
}
namespace auth {
class AuthService;
}
namespace lua {
class LuaRuntime;
}
namespace jobs {
class JobQueue;
class JobHandlerRegistry;
}  // namespace jobs
namespace outbox {
class Outbox;
}
namespace calendar {
class CalendarStore;
}
namespace scripts {
class ScriptStore;
class ConstantStore;
}  // namespace scripts
namespace plugins {
class PluginHost;
}
}  // namespace orbita::kernel

namespace orbita::kernel::automation {

class ActionRegistry;

/// The kernel services the engine uses, handed over once.
struct AutomationServices {
    storage::Database& db;
    entity::TypeRegistry& types;
    records::RecordRepository& records;
    events::EventBus& events;
    http::Router& router;
    acl::AccessAdmin& access_admin;
    acl::ProfileCache& profiles;
    audit::AuditLog& audit;
    auth::AuthService& auth;
    lua::LuaRuntime& lua;
    jobs::JobQueue& jobs;
    jobs::JobHandlerRegistry& job_handlers;
    outbox::Outbox& outbox;
    calendar::CalendarStore& calendar;
    scripts::ScriptStore& scripts;
    scripts::ConstantStore& constants;
    const Clock& clock;
    const nlohmann::json& config;  ///< the whole validated configuration (section `automation`)
    std::string time_zone;         ///< IANA zone of dates and times of day in delays
};

/// Builds and owns the engine (see kernel/src/automation/README.md): registers its
/// event subscribers, job kinds, Lua extension `records.move`, record input filler and
/// REST routes. Kernel::build_services creates it; Kernel::open calls adopt_plugins
/// once plugins are running, so their robot actions and trigger sources join in.
class AutomationModule {
public:
    explicit AutomationModule(AutomationServices services);
    ~AutomationModule();
    AutomationModule(const AutomationModule&) = delete;
    AutomationModule& operator=(const AutomationModule&) = delete;

    /// Adds the robot actions and trigger sources of running plugins.
    void adopt_plugins(plugins::PluginHost& host);
    /// Where kernel parts and plugins add robot actions (notify, start_process, ...).
    ActionRegistry& actions();

private:
    struct Parts;
    std::unique_ptr<Parts> parts_;
};

}  // namespace orbita::kernel::automation
