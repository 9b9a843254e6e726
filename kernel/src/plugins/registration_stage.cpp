// SPDX-License-Identifier: Apache-2.0
#include "plugins/registration_stage.hpp"

#include <algorithm>
#include <regex>
#include <stdexcept>

namespace orbita::kernel::plugins {

namespace {

sdk::Error invalid(const std::string& message) { return sdk::fail("invalid-registration", message); }

template <class F>
sdk::Result<void> require_handler(const char* kind, const std::string& name, const F& handler) {
    if (!handler) return invalid(std::string(kind) + " " + name + " has no handler");
    return {};
}

}  // namespace

// Each registrar validates its own kind and appends to the stage; they share the
// name rule and the open/closed check.
struct RegistrationStage::Registrars {
    RegistrationStage& s;
    std::vector<std::string> names_seen;

    struct Entities final : sdk::EntityRegistrar {
        RegistrationStage& s;
        explicit Entities(RegistrationStage& st) : s(st) {}
        sdk::Result<void> add(const nlohmann::json& declaration) override {
            s.ensure_open("entity type");
            auto problems = s.entity_check()(declaration);
            if (!problems.empty()) {
                std::string joined;
                for (const auto& p : problems) joined += (joined.empty() ? "" : "; ") + p;
                return invalid("entity type " + declaration.value("name", std::string("?")) + ": " + joined);
            }
            s.staged().entity_types.push_back(declaration);
            return {};
        }
    } entities{s};

    struct Migrations final : sdk::MigrationRegistrar {
        RegistrationStage& s;
        explicit Migrations(RegistrationStage& st) : s(st) {}
        sdk::Result<void> add(sdk::Migration m) override {
            s.ensure_open("migration");
            static const std::regex name_rule("^[0-9]{4}_[a-z0-9_]+$");
            if (!std::regex_match(m.name, name_rule)) return invalid("migration name '" + m.name + "' is not NNNN_words");
            if (m.sqlite.empty() || m.postgresql.empty())
                return invalid("migration " + m.name + " needs statements for both SQLite and PostgreSQL");
            auto& list = s.staged().migrations;
            if (std::any_of(list.begin(), list.end(), [&](const auto& x) { return x.name == m.name; }))
                return invalid("migration " + m.name + " is registered twice");
            list.push_back(std::move(m));
            return {};
        }
    } migrations{s};

    struct Http final : sdk::HttpRegistrar {
        RegistrationStage& s;
        explicit Http(RegistrationStage& st) : s(st) {}
        sdk::Result<void> route(sdk::Route r) override {
            s.ensure_open("route");
            static const std::vector<std::string> methods = {"GET", "POST", "PUT", "PATCH", "DELETE"};
            if (std::find(methods.begin(), methods.end(), r.method) == methods.end())
                return invalid("route " + r.path + ": method '" + r.method + "' is not GET, POST, PUT, PATCH or DELETE");
            const std::string base = "/api/v1/" + s.plugin_id();
            if (r.path != base && r.path.rfind(base + "/", 0) != 0)
                return invalid("route " + r.method + " " + r.path + " is outside the plugin's prefix " + base);
            if (auto ok = require_handler("route", r.path, r.handler); !ok) return ok;
            auto& list = s.staged().routes;
            if (std::any_of(list.begin(), list.end(), [&](const auto& x) { return x.method == r.method && x.path == r.path; }))
                return invalid("route " + r.method + " " + r.path + " is registered twice");
            list.push_back(std::move(r));
            return {};
        }
    } http{s};

    struct Permissions final : sdk::PermissionRegistrar {
        RegistrationStage& s;
        std::vector<std::string> seen;
        explicit Permissions(RegistrationStage& st) : s(st) {}
        sdk::Result<void> declare(sdk::Permission p) override {
            s.ensure_open("permission");
            if (p.id != s.plugin_id())
                if (auto ok = s.check_name("permission", p.id, seen); !ok) return ok;
            if (p.operations.empty()) return invalid("permission " + p.id + " declares no operations");
            s.staged().permissions.push_back(std::move(p));
            return {};
        }
        sdk::Result<void> add_visibility_rule(sdk::VisibilityRule rule) override {
            s.ensure_open("visibility rule");
            if (auto ok = s.check_name("visibility rule", rule.id, seen); !ok) return ok;
            if (auto ok = require_handler("visibility rule", rule.id, rule.predicate); !ok) return ok;
            s.staged().visibility_rules.push_back(std::move(rule));
            return {};
        }
    } permissions{s};

    struct Events final : sdk::EventRegistrar {
        RegistrationStage& s;
        explicit Events(RegistrationStage& st) : s(st) {}
        sdk::Result<void> subscribe(std::string pattern, sdk::EventHandler handler, sdk::EventPhase phase) override {
            s.ensure_open("event subscription");
            if (pattern.empty()) return invalid("event subscription with an empty pattern");
            if (auto ok = require_handler("event subscription", pattern, handler); !ok) return ok;
            s.staged().subscriptions.push_back({std::move(pattern), std::move(handler), phase});
            return {};
        }
        sdk::EventPublisher& publisher() override { return s.publisher(); }
    } events{s};

    struct Jobs final : sdk::JobRegistrar {
        RegistrationStage& s;
        std::vector<std::string> seen;
        explicit Jobs(RegistrationStage& st) : s(st) {}
        sdk::Result<void> add(sdk::Job job) override {
            s.ensure_open("job");
            if (auto ok = s.check_name("job", job.id, seen); !ok) return ok;
            if (job.interval_seconds < 1) return invalid("job " + job.id + ": interval_seconds must be at least 1");
            if (auto ok = require_handler("job", job.id, job.run); !ok) return ok;
            s.staged().jobs.push_back(std::move(job));
            return {};
        }
    } jobs{s};

    struct Demo final : sdk::DemoDataRegistrar {
        RegistrationStage& s;
        explicit Demo(RegistrationStage& st) : s(st) {}
        sdk::Result<void> add(sdk::DemoData demo) override {
            s.ensure_open("demo data");
            if (auto ok = require_handler("demo data", demo.description, demo.install); !ok) return ok;
            s.staged().demo_data.push_back(std::move(demo));
            return {};
        }
    } demo{s};

    struct Ui final : sdk::UiRegistrar {
        RegistrationStage& s;
        std::vector<std::string> seen;
        explicit Ui(RegistrationStage& st) : s(st) {}
        sdk::Result<void> module(sdk::UiModule m) override {
            s.ensure_open("UI module");
            if (s.staged().ui_module) return invalid("the UI module is registered twice");
            if (m.entry.empty() || m.entry.front() == '/' || m.entry.find("..") != std::string::npos)
                return invalid("UI module entry '" + m.entry + "' must be a path inside the plugin folder");
            s.staged().ui_module = std::move(m);
            return {};
        }
        sdk::Result<void> menu(sdk::MenuEntry e) override {
            s.ensure_open("menu entry");
            if (auto ok = s.check_name("menu entry", e.id, seen); !ok) return ok;
            s.staged().menu.push_back(std::move(e));
            return {};
        }
    } ui{s};

    // Robot actions, triggers, reports and Lua modules share one namespace of ids, so a
    // robot can name any of them unambiguously.
    struct Actions final : sdk::RobotActionRegistrar {
        Registrars& r;
        explicit Actions(Registrars& rs) : r(rs) {}
        sdk::Result<void> add(sdk::RobotAction a) override {
            r.s.ensure_open("robot action");
            if (auto ok = r.s.check_name("robot action", a.id, r.names_seen); !ok) return ok;
            if (auto ok = require_handler("robot action", a.id, a.run); !ok) return ok;
            r.s.staged().robot_actions.push_back(std::move(a));
            return {};
        }
    } actions{*this};

    struct Triggers final : sdk::TriggerRegistrar {
        Registrars& r;
        explicit Triggers(Registrars& rs) : r(rs) {}
        sdk::Result<void> add(sdk::Trigger t) override {
            r.s.ensure_open("trigger");
            if (auto ok = r.s.check_name("trigger", t.id, r.names_seen); !ok) return ok;
            if (t.event_pattern.empty()) return invalid("trigger " + t.id + " has no event pattern");
            r.s.staged().triggers.push_back(std::move(t));
            return {};
        }
    } triggers{*this};

    struct Reports final : sdk::ReportRegistrar {
        Registrars& r;
        explicit Reports(Registrars& rs) : r(rs) {}
        sdk::Result<void> add(sdk::Report rep) override {
            r.s.ensure_open("report");
            if (auto ok = r.s.check_name("report", rep.id, r.names_seen); !ok) return ok;
            if (auto ok = require_handler("report", rep.id, rep.run); !ok) return ok;
            r.s.staged().reports.push_back(std::move(rep));
            return {};
        }
    } reports{*this};

    struct Lua final : sdk::LuaModuleRegistrar {
        Registrars& r;
        explicit Lua(Registrars& rs) : r(rs) {}
        sdk::Result<void> add(sdk::LuaModule m) override {
            r.s.ensure_open("Lua module");
            if (auto ok = r.s.check_name("Lua module", m.name, r.names_seen); !ok) return ok;
            if (m.source.empty()) return invalid("Lua module " + m.name + " has no source");
            // A plugin built for ABI 1.0 passed a LuaModule without `kind`: reading that
            // field would read past its object, so its modules are libraries.
            const auto kind = r.s.plugin().abi_minor >= 1 ? m.kind : sdk::LuaModuleKind::Library;
            r.s.staged().lua_modules.push_back({std::move(m.name), std::move(m.source), kind});
            return {};
        }
    } lua{*this};

    // Services are named "<plugin id>.<name>" like the catalog, in a namespace of their
    // own, and must be declared in the manifest so users can be checked before loading.
    struct Services {
        RegistrationStage& s;
        std::vector<std::string> seen;
        explicit Services(RegistrationStage& st) : s(st) {}
        sdk::Result<void> add(const sdk::ServiceKey& key, std::shared_ptr<void> object) {
            s.ensure_open("service");
            const auto what = PluginServices::describe(key);
            if (auto ok = s.check_name("service", key.id, seen); !ok) return ok;
            if (!object) return invalid("service " + what + " of " + s.plugin_id() + " is a null pointer");
            const auto& declared = s.plugin().declared_services;
            if (std::find(declared.begin(), declared.end(), key.id) == declared.end()) {
                return sdk::fail("undeclared-service", "plugin " + s.plugin_id() + " provides service " + what +
                                                           ", which its plugin.json does not declare in provides.services");
            }
            s.staged().services.push_back({key, std::move(object)});
            return {};
        }
    } services{s};

    struct Hooks final : sdk::RecordHookRegistrar {
        RegistrationStage& s;
        std::vector<std::string> seen;
        explicit Hooks(RegistrationStage& st) : s(st) {}
        sdk::Result<void> add(sdk::RecordWriteHook hook) override {
            s.ensure_open("record hook");
            if (auto ok = s.check_name("record hook", hook.id, seen); !ok) return ok;
            if (hook.entity_type.empty()) return invalid("record hook " + hook.id + " names no entity type");
            if (auto ok = require_handler("record hook", hook.id, hook.check); !ok) return ok;
            s.staged().record_hooks.push_back(std::move(hook));
            return {};
        }
    } hooks{s};

    explicit Registrars(RegistrationStage& st) : s(st) {}
};

RegistrationStage::RegistrationStage(StagePlugin plugin, sdk::Logger& log, EntityCheck check_entity,
                                     const sdk::Constants& constants, PluginServices& services, sdk::EventPublisher& publisher)
    : plugin_(std::move(plugin)), log_(log), check_entity_(std::move(check_entity)), constants_(constants),
      publisher_(publisher), services_(services), registrars_(std::make_unique<Registrars>(*this)) {
    services_.accept_provides([this](const sdk::ServiceKey& key, std::shared_ptr<void> object) {
        return registrars_->services.add(key, std::move(object));
    });
}

RegistrationStage::~RegistrationStage() { services_.accept_provides({}); }

void RegistrationStage::close() {
    closed_ = true;
    services_.accept_provides({});
}

void RegistrationStage::ensure_open(const char* kind) const {
    if (closed_)
        throw std::logic_error("plugin " + plugin_.id + " registered a " + kind +
                               " outside initialize(); registrations are closed");
}

sdk::Result<void> RegistrationStage::check_name(const char* kind, const std::string& name, std::vector<std::string>& seen) const {
    static const std::regex rule("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$");
    const auto& id = plugin_.id;
    if (name.rfind(id + ".", 0) != 0 || !std::regex_match(name, rule))
        return invalid(std::string(kind) + " '" + name + "' must be named " + id + ".<snake_case name>");
    if (std::find(seen.begin(), seen.end(), name) != seen.end())
        return invalid(std::string(kind) + " " + name + " is registered twice");
    seen.push_back(name);
    return {};
}

sdk::EntityRegistrar& RegistrationStage::entities() { return registrars_->entities; }
sdk::MigrationRegistrar& RegistrationStage::migrations() { return registrars_->migrations; }
sdk::HttpRegistrar& RegistrationStage::http() { return registrars_->http; }
sdk::PermissionRegistrar& RegistrationStage::permissions() { return registrars_->permissions; }
sdk::EventRegistrar& RegistrationStage::events() { return registrars_->events; }
sdk::JobRegistrar& RegistrationStage::jobs() { return registrars_->jobs; }
sdk::DemoDataRegistrar& RegistrationStage::demo_data() { return registrars_->demo; }
sdk::UiRegistrar& RegistrationStage::ui() { return registrars_->ui; }
sdk::RobotActionRegistrar& RegistrationStage::robot_actions() { return registrars_->actions; }
sdk::TriggerRegistrar& RegistrationStage::triggers() { return registrars_->triggers; }
sdk::ReportRegistrar& RegistrationStage::reports() { return registrars_->reports; }
sdk::LuaModuleRegistrar& RegistrationStage::lua_modules() { return registrars_->lua; }
sdk::RecordHookRegistrar& RegistrationStage::record_hooks() { return registrars_->hooks; }

}  // namespace orbita::kernel::plugins
