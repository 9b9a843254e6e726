// SPDX-License-Identifier: Apache-2.0
#include "plugins/registration_committer.hpp"

#include "acl/permission_registry.hpp"
#include "entity/type_registry.hpp"
#include "events/event_bus.hpp"
#include "http/router.hpp"
#include "records/record_repository.hpp"
#include "plugins/record_hook_adapter.hpp"
#include "plugins/route_adapter.hpp"
#include "plugins/sdk_actor.hpp"
#include "storage/database.hpp"
#include "storage/dialect.hpp"
#include "storage/migrator.hpp"

namespace orbita::kernel::plugins {

namespace {

storage::SqlFragment to_fragment(const sdk::SqlCondition& c, const std::string& alias) {
    storage::SqlFragment out;
    std::size_t param = 0;
    std::string text = c.sql;
    for (std::size_t pos; (pos = text.find("{alias}")) != std::string::npos;) text.replace(pos, 7, alias);
    for (char ch : text) {
        if (ch != '?') {
            out.sql(std::string_view(&ch, 1));
            continue;
        }
        if (param >= c.params.size()) throw std::invalid_argument("visibility rule has more ? than parameters");
        const auto& v = c.params[param++];
        if (v.is_null()) out.bind(storage::SqlValue());
        else if (v.is_boolean()) out.bind(storage::SqlValue(static_cast<std::int64_t>(v.get<bool>())));
        else if (v.is_number_integer()) out.bind(storage::SqlValue(v.get<std::int64_t>()));
        else if (v.is_number()) out.bind(storage::SqlValue(v.get<double>()));
        else out.bind(storage::SqlValue(v.is_string() ? v.get<std::string>() : v.dump()));
    }
    return out;
}

}  // namespace

std::vector<std::string> RegistrationCommitter::conflicts(const StagedRegistrations& s, const std::string& owner) const {
    std::vector<std::string> out;
    auto clash = [&](const std::string& what, const std::string& other) {
        out.push_back(what + " of " + owner + " is already registered by " + other);
    };
    for (const auto& r : s.routes) {
        for (const auto& existing : t_.router.routes()) {
            if (existing->method == r.method && existing->pattern == r.path) clash("route " + r.method + " " + r.path, existing->owner);
        }
    }
    for (const auto& d : s.entity_types) {
        if (auto type = t_.types.find(d.value("name", ""))) clash("entity type " + type->name(), type->owner);
    }
    for (const auto& p : s.permissions) {
        if (auto existing = t_.permissions.target(p.id)) clash("permission " + p.id, existing->owner);
        if (t_.types.find(p.id)) clash("permission " + p.id, "entity type " + p.id);
    }
    auto check_catalog = [&](const std::string& kind, const std::string& id) {
        if (auto other = t_.catalog.owner_of(id)) clash(kind + " " + id, *other);
    };
    for (const auto& a : s.robot_actions) check_catalog("robot action", a.id);
    for (const auto& x : s.triggers) check_catalog("trigger", x.id);
    for (const auto& x : s.reports) check_catalog("report", x.id);
    for (const auto& x : s.lua_modules) check_catalog("Lua module", x.name);
    for (const auto& x : s.jobs) check_catalog("job", x.id);
    for (const auto& x : s.menu) check_catalog("menu entry", x.id);
    for (const auto& hook : s.record_hooks) {
        const bool own = std::any_of(s.entity_types.begin(), s.entity_types.end(),
                                     [&](const nlohmann::json& d) { return d.value("name", "") == hook.entity_type; });
        if (!own && !t_.types.find(hook.entity_type))
            out.push_back("record hook " + hook.id + " of " + owner + " names entity type " + hook.entity_type +
                          ", which does not exist");
    }
    for (const auto& x : s.services) {
        if (auto other = t_.services->owner_of(x.key.id)) clash("service " + x.key.id, *other);
    }
    return out;
}

void RegistrationCommitter::apply_migrations(const std::vector<sdk::Migration>& migrations, const std::string& owner) {
    if (migrations.empty()) return;
    std::vector<storage::Migration> list;
    for (const auto& m : migrations) {
        list.push_back({owner + "/" + m.name, m.description, [m](const storage::Dialect& d) {
                            return d.name() == "postgresql" ? m.postgresql : m.sqlite;
                        }});
    }
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    storage::Migrator migrator(t_.database);
    migrator.refuse_newer(owner, list);
    t_.database.read([&](storage::Connection& lock_holder) {
        t_.database.dialect().acquire_migration_lock(lock_holder);
        try {
            migrator.apply(list);
        } catch (...) {
            t_.database.dialect().release_migration_lock(lock_holder);
            throw;
        }
        t_.database.dialect().release_migration_lock(lock_holder);
    });
}

void RegistrationCommitter::commit(StagedRegistrations& s, const std::string& owner) {
    apply_migrations(s.migrations, owner);
    for (const auto& d : s.entity_types) t_.add_entity_type(d, owner);

    for (auto& p : s.permissions) {
        t_.permissions.declare({p.id, p.operations, p.label, p.description, owner});
    }
    for (auto& rule : s.visibility_rules) {
        acl::VisibilityRule k;
        k.id = rule.id;
        k.entity_type = rule.entity_type;
        k.effect = rule.effect == sdk::VisibilityRule::Effect::Grant ? acl::VisibilityRule::Effect::Grant
                                                                     : acl::VisibilityRule::Effect::Restrict;
        k.description = rule.description;
        k.owner = owner;
        k.predicate = [predicate = rule.predicate, owner, &faults = t_.faults](const acl::AccessProfile& profile,
                                                                              const std::string& alias) {
            SdkActor actor(profile);
            return to_fragment(call_plugin(faults, owner, "visibility rule", [&] { return predicate(actor, alias); }), alias);
        };
        t_.permissions.add_rule(std::move(k));
    }
    for (auto& hook : s.record_hooks) {
        const auto type = hook.entity_type;
        t_.records.write_hooks().add(type, adapt_record_hook(std::move(hook), owner, t_.records, t_.faults));
    }
    for (auto& r : s.routes) t_.router.add(adapt_route(std::move(r), owner, t_.records, t_.faults));
    for (auto& sub : s.subscriptions) {
        const auto phase = sub.phase == sdk::EventPhase::InTransaction ? events::Phase::InTransaction : events::Phase::AfterCommit;
        const std::string what = "event subscriber " + sub.pattern;
        t_.events.subscribe(sub.pattern, [handler = std::move(sub.handler), owner, what, &faults = t_.faults](const events::Event& e) {
            const sdk::Event event{e.name, e.entity_type, e.record_id, e.payload};
            call_plugin(faults, owner, what, [&] { handler(event); });
        }, phase);
    }
    for (auto& a : s.robot_actions) t_.catalog.add_action(owner, std::move(a));
    for (auto& x : s.triggers) t_.catalog.add_trigger(owner, std::move(x));
    for (auto& x : s.reports) t_.catalog.add_report(owner, std::move(x));
    for (auto& x : s.lua_modules) t_.catalog.add_lua_module(owner, std::move(x));
    for (auto& x : s.jobs) t_.catalog.add_job(owner, std::move(x));
    for (auto& x : s.demo_data) t_.catalog.add_demo_data(owner, std::move(x));
    for (auto& x : s.menu) t_.catalog.add_menu_entry(owner, std::move(x));
    if (s.ui_module) t_.catalog.add_ui_module(owner, *s.ui_module);
    for (auto& x : s.services) t_.services->add({owner, std::move(x.key), std::move(x.object)});
}

}  // namespace orbita::kernel::plugins
