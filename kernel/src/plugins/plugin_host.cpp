// SPDX-License-Identifier: Apache-2.0
#include "plugins/plugin_host.hpp"

#include "core/json_schema.hpp"
#include "core/nearest_name.hpp"
#include "plugins/abi_gate.hpp"
#include "plugins/dependency_resolver.hpp"
#include "plugins/manifest_reader.hpp"
#include "plugins/plugin_event_publisher.hpp"
#include "plugins/sdk_actor.hpp"
#include "plugins/sdk_records.hpp"
#include "plugins/service_uses.hpp"
#include "plugins/startup_table.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <utility>

namespace orbita::kernel::plugins {

namespace fs = std::filesystem;

struct PluginHost::Entry {
    fs::path folder;
    std::string id;  // the folder name until the manifest is read
    std::optional<PluginManifest> manifest;
    PluginStateMachine state;
    bool required = false;
    nlohmann::json config = nlohmann::json::object();
    double load_ms = 0;
    nlohmann::json registrations;
    std::unique_ptr<PluginLogger> logger;
    std::optional<PluginLibrary> library;
    std::unique_ptr<PluginEventPublisher> publisher;  // outlives the instance, which may keep it
    std::unique_ptr<PluginServices> services;  // kept by the plugin: lives as long as the host
    PluginInstance instance;
};

namespace {

CommitTargets with_services(CommitTargets targets, ServiceDirectory& services) {
    targets.services = &services;
    return targets;
}

PluginHealthMonitor::Options health_options(const PluginSettings& s) {
    return {std::chrono::milliseconds(s.health_cache_ms), std::chrono::milliseconds(s.health_wait_ms)};
}

}  // namespace

PluginHost::PluginHost(PluginSettings settings, CommitTargets targets, RegistrationStage::EntityCheck check_entity,
                       fs::path data_dir)
    : settings_(std::move(settings)), committer_(with_services(targets, services_)), check_entity_(std::move(check_entity)),
      guard_(std::move(data_dir)), catalog_(targets.catalog), faults_(targets.faults), records_(targets.records),
      constants_(*targets.constants), events_(targets.events), db_(targets.database), health_(health_options(settings_)) {}

PluginHost::~PluginHost() {
    shutdown();
    for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
        auto* e = find(*it);
        if (!e) continue;
        services_.remove_owned_by(e->id);
        if (!health_.forget(e->id, std::chrono::seconds(5))) {
            // Destroying it would pull the object from under its own health() call.
            spdlog::error("plugin {}: health() is still running at shutdown; the instance is not destroyed", e->id);
            (void)e->instance.release();
            continue;
        }
        e->instance.reset();
    }
}

PluginHost::Entry* PluginHost::find(const std::string& id) {
    return const_cast<Entry*>(std::as_const(*this).find(id));
}

const PluginHost::Entry* PluginHost::find(const std::string& id) const {
    for (const auto& e : entries_) {
        if (e->id == id) return e.get();
    }
    return nullptr;
}

std::string PluginHost::describe_unavailable(const std::string& id) const {
    const auto* e = find(id);
    if (!e) return "not installed";
    const auto reason = e->state.reason();
    return std::string(to_string(e->state.state())) + (reason.empty() ? "" : ": " + reason);
}

void PluginHost::start() {
    discover();
    apply_settings();
    validate_configs();
    resolve();
    for (const auto& id : order_) load_and_initialize(*find(id));
    // Reverse order: a plugin sees what the plugins depending on it registered.
    for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
        auto& e = *find(*it);
        if (e.state.state() != PluginState::Initialized) continue;
        try {
            call_plugin(faults_, e.id, "on_all_initialized", [&] { e.instance->on_all_initialized(); });
        } catch (const PluginCallError&) {
            // Reported as a run-time fault; its registrations are already live.
        }
    }
    for (auto& e : entries_) {
        if (e->state.state() != PluginState::Initialized) continue;
        e->state.advance(PluginState::Running);
        health_.watch(e->id, [this, plugin = e.get()] {
            return call_plugin(faults_, plugin->id, "health", [&] { return plugin->instance->health(); });
        });
    }
    log_startup_table(report(false));
    check_required();
}

void PluginHost::discover() {
    ManifestReader reader;
    for (auto& found : reader.discover(settings_.directories)) {
        auto e = std::make_unique<Entry>();
        e->folder = found.folder;
        e->id = found.folder.filename().string();
        if (auto* errors = std::get_if<std::vector<std::string>>(&found.manifest)) {
            std::string reason = "invalid plugin.json:";
            for (const auto& line : *errors) reason += " " + line + ";";
            reason.pop_back();
            e->state.fail(reason);
        } else {
            e->manifest = std::get<PluginManifest>(std::move(found.manifest));
            if (auto* first = find(e->id); first && first->manifest) {
                e->state.disable("shadowed by " + first->folder.string() + ", found first in plugins.directories");
                e->id += "@" + found.folder.parent_path().string();
            } else {
                e->state.advance(PluginState::ManifestValid);
            }
        }
        entries_.push_back(std::move(e));
    }
}

void PluginHost::apply_settings() {
    std::vector<std::string> installed;
    for (const auto& e : entries_) installed.push_back(e->id);
    for (const auto& [id, s] : settings_.settings) {
        if (!find(id)) {
            config_problems_.push_back("plugins.settings." + id + ": no such plugin is installed" + did_you_mean(id, installed));
        }
    }
    for (const auto& p : config_problems_) spdlog::warn("{}", p);
    for (auto& e : entries_) {
        const auto* s = settings_.find(e->id);
        e->required = (e->manifest && e->manifest->required) || (s && s->required);
        if (s && s->config.is_object()) e->config = s->config;
        if (e->state.state() != PluginState::ManifestValid) continue;
        const bool enabled = s && s->enabled ? *s->enabled : e->manifest->enabled_by_default;
        if (!enabled) {
            e->state.disable(s && s->enabled ? "disabled in configuration (plugins.settings." + e->id + ".enabled)"
                                             : "disabled by default (enable with plugins.settings." + e->id + ".enabled)");
        } else if (auto marker = guard_.crashed_before(e->id)) {
            if (e->required) {
                spdlog::warn("plugin {} is required, so it loads although the previous start died loading it", e->id);
            } else {
                e->state.disable("skipped: the previous start died while loading this plugin (" + marker->string() +
                                 "); delete that file to try again");
            }
        }
    }
}

void PluginHost::validate_configs() {
    for (auto& e : entries_) {
        if (e->state.state() != PluginState::ManifestValid) continue;
        const auto& m = *e->manifest;
        std::vector<std::string> errors;
        if (m.config_schema.empty()) {
            if (!e->config.empty()) errors.push_back("the plugin takes no configuration");
        } else {
            try {
                auto schema = JsonSchema::from_file((m.folder / m.config_schema).string());
                for (const auto& err : schema.validate(e->config)) {
                    errors.push_back((err.path.empty() ? "" : err.path + ": ") + err.message);
                }
            } catch (const std::exception& ex) {
                errors.push_back(std::string("config schema unusable: ") + ex.what());
            }
        }
        if (errors.empty()) continue;
        std::string reason = "invalid configuration (plugins.settings." + e->id + ".config):";
        for (const auto& line : errors) reason += " " + line + ";";
        reason.pop_back();
        e->state.fail(reason);
    }
}

void PluginHost::check_service_uses() {
    std::map<std::string, const PluginManifest*> installed;
    for (const auto& e : entries_) {
        if (e->manifest && e->state.state() != PluginState::Disabled) installed.emplace(e->id, &*e->manifest);
    }
    for (auto& e : entries_) {
        if (e->state.state() != PluginState::ManifestValid) continue;
        if (auto problem = service_uses_problem(*e->manifest, installed)) e->state.fail(*problem);
    }
}

void PluginHost::resolve() {
    check_service_uses();
    std::map<std::string, PluginManifest> candidates;
    std::map<std::string, std::string> unavailable;
    for (const auto& e : entries_) {
        if (e->state.state() == PluginState::ManifestValid) candidates.emplace(e->id, *e->manifest);
        else unavailable.emplace(e->id, std::string(to_string(e->state.state())) + ": " + e->state.reason());
    }
    auto resolution = DependencyResolver().resolve(candidates, unavailable);
    for (const auto& [id, reason] : resolution.failures) find(id)->state.fail(reason);
    for (const auto& id : resolution.order) find(id)->state.advance(PluginState::Resolved);
    order_ = std::move(resolution.order);
}

void PluginHost::load_and_initialize(Entry& e) {
    const auto& m = *e.manifest;
    for (const auto& d : m.dependencies) {
        auto* dep = find(d.id);
        if (!d.optional && dep && dep->state.state() != PluginState::Initialized) {
            e.state.fail("dependency " + dep->manifest->label() + " failed: " + dep->state.reason());
            return;
        }
    }
    const auto started = std::chrono::steady_clock::now();
    guard_.enter(e.id);
    try {
        e.library.emplace(m.folder / m.library);
        if (auto refused = check_abi(e.library->probe(), m, KernelAbi::current())) throw LibraryError(*refused);
        e.instance = e.library->create();
        e.state.advance(PluginState::Loaded);
        initialize(e);
    } catch (const LibraryError& ex) {
        e.state.fail(ex.what());
    }
    guard_.leave(e.id);
    e.load_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    if (e.state.state() == PluginState::Failed) e.instance.reset();
}

void PluginHost::initialize(Entry& e) {
    e.logger = std::make_unique<PluginLogger>(e.id);
    e.publisher = std::make_unique<PluginEventPublisher>(e.id, events_, db_);
    const auto& m = *e.manifest;
    e.services = std::make_unique<PluginServices>(e.id, m.used_services, services_,
                                                  [this](const std::string& id) { return describe_unavailable(id); });
    RegistrationStage stage({e.id, e.config, e.library->probe().abi_minor, m.provided_services}, *e.logger, check_entity_,
                            constants_, *e.services, *e.publisher);
    sdk::Result<void> result;
    try {
        result = call_plugin(faults_, e.id, "initialize", [&] { return e.instance->initialize(stage); });
    } catch (const PluginCallError& ex) {
        stage.close();
        e.state.fail(std::string("initialize threw: ") + ex.what());
        return;
    }
    stage.close();
    e.registrations = stage.staged().summary();
    if (!result.ok()) {
        e.state.fail("initialize failed: " + result.error().code + ": " + result.error().message);
        return;
    }
    auto problems = provides_mismatches(e.manifest->provides, e.registrations);
    auto clashes = committer_.conflicts(stage.staged(), e.id);
    problems.insert(problems.end(), clashes.begin(), clashes.end());
    if (!problems.empty()) {
        std::string reason = "registrations refused:";
        for (const auto& p : problems) reason += " " + p + ";";
        reason.pop_back();
        e.state.fail(reason);
        return;
    }
    try {
        committer_.commit(stage.staged(), e.id);
    } catch (const std::exception& ex) {
        e.state.fail(std::string("commit failed: ") + ex.what());
        return;
    }
    e.state.advance(PluginState::Initialized);
}

void PluginHost::check_required() const {
    std::vector<std::string> failed;
    for (const auto& e : entries_) {
        const auto s = e->state.state();
        if (e->required && (s == PluginState::Failed || s == PluginState::Disabled)) failed.push_back(e->id + ": " + e->state.reason());
    }
    for (const auto& [id, s] : settings_.settings) {
        if (s.required && std::none_of(entries_.begin(), entries_.end(), [&](const auto& e) { return e->id == id; }))
            failed.push_back(id + ": required in configuration but not installed");
    }
    if (failed.empty()) return;
    std::string message = "required plugins failed:";
    for (const auto& f : failed) message += "\n  - " + f;
    throw RequiredPluginError(message);
}

void PluginHost::shutdown() {
    std::lock_guard lock(mutex_);
    if (stopped_) return;
    stopped_ = true;
    for (const auto& id : order_) {
        auto& e = *find(id);
        if (e.state.state() != PluginState::Running) continue;
        e.state.advance(PluginState::Stopping);
        try {
            call_plugin(faults_, e.id, "about_to_shutdown", [&] { e.instance->about_to_shutdown(); });
        } catch (const PluginCallError&) {
            // Reported; shutdown goes on for the others.
        }
        e.state.advance(PluginState::Stopped);
    }
}

sdk::Result<nlohmann::json> PluginHost::run_action(const std::string& id, const nlohmann::json& input, const Actor& actor) {
    SdkRecords records(records_, actor);
    return run_action(id, input, actor, records);
}

sdk::Result<nlohmann::json> PluginHost::run_action(const std::string& id, const nlohmann::json& input, const Actor& actor,
                                                   sdk::Records& records) {
    auto action = catalog_.action(id);
    if (!action) return sdk::fail("not-found", "no robot action " + id, 404);
    if (action->item.input_schema.is_object() && !action->item.input_schema.empty()) {
        auto errors = JsonSchema(action->item.input_schema).validate(input);
        if (!errors.empty()) return sdk::fail("invalid-input", format_schema_errors(errors), 422);
    }
    SdkActor who(actor);
    sdk::CallContext call{who, records};
    try {
        return call_plugin(faults_, action->owner, "robot action " + id, [&] { return action->item.run(input, call); });
    } catch (const PluginCallError& e) {
        return sdk::fail("plugin-error", e.what(), 500);
    }
}

nlohmann::json PluginHost::report(bool with_health) const {
    const auto health = with_health ? health_.check() : std::map<std::string, PluginHealthReport>{};
    auto out = nlohmann::json::array();
    for (const auto& e : entries_) {
        const auto [fault_count, last_fault] = faults_.of(e->id);
        nlohmann::json item = {
            {"id", e->id},
            {"version", e->manifest ? e->manifest->version.to_string() : ""},
            {"state", to_string(e->state.state())},
            {"reason", e->state.reason()},
            {"required", e->required},
            {"load_ms", e->load_ms},
            {"folder", e->folder.string()},
            {"manifest", e->manifest ? e->manifest->document : nlohmann::json()},
            {"registrations", e->registrations},
            {"faults", {{"count", fault_count}, {"last", last_fault}}},
        };
        if (e->state.state() == PluginState::Failed) item["failed_in"] = to_string(e->state.failed_in());
        if (auto h = health.find(e->id); h != health.end()) {
            item["health"] = to_string(h->second.health);
            if (!h->second.detail.empty()) item["health_detail"] = h->second.detail;
        }
        out.push_back(std::move(item));
    }
    return out;
}

PluginsHealth PluginHost::health() const {
    PluginsHealth out;
    const auto answers = health_.check();
    auto worsen = [&](const std::string& status) {
        if (out.status == "fail" || (out.status == "degraded" && status == "degraded")) return;
        out.status = status;
    };
    for (const auto& e : entries_) {
        nlohmann::json item = {{"state", to_string(e->state.state())}, {"required", e->required}};
        if (e->state.state() == PluginState::Failed) {
            item["reason"] = e->state.reason();
            worsen("degraded");
        }
        if (auto h = answers.find(e->id); h != answers.end()) {
            item["health"] = to_string(h->second.health);
            if (!h->second.detail.empty()) item["detail"] = h->second.detail;
            if (h->second.health == sdk::Health::Fatal && e->required) worsen("fail");
            else if (h->second.health != sdk::Health::Ok) worsen("degraded");
        }
        out.plugins[e->id] = std::move(item);
    }
    return out;
}

}  // namespace orbita::kernel::plugins
