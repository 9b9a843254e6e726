// SPDX-License-Identifier: Apache-2.0
#include "crm_plugin.hpp"

#include "crm_menu.hpp"
#include "demo_company.hpp"
#include "entity_declarations.hpp"
#include "overdue_sweep.hpp"
#include "record_rules.hpp"
#include "visibility_rules.hpp"

#include <orbita/sdk/entry_point.hpp>

namespace orbita::plugins::crm {

namespace {

constexpr int kDefaultStageLimit = 8;  // seed 001: up to 8 stages per funnel

ImportLimits import_limits(const nlohmann::json& config) {
    ImportLimits limits;
    const auto section = config.value("import", nlohmann::json::object());
    limits.max_rows = section.value("max_rows", limits.max_rows);
    limits.max_bytes = section.value("max_bytes", limits.max_bytes);
    return limits;
}

}  // namespace

sdk::Result<void> CrmPlugin::initialize(sdk::PluginContext& ctx) {
    // The kernel validated the section against config.schema.json before any plugin ran.
    routes_ = std::make_unique<CrmRoutes>(ctx.config().value("stage_limit", kDefaultStageLimit));
    for (const char* declaration : entity_declarations()) {
        if (auto added = ctx.entities().add(nlohmann::json::parse(declaration)); !added.ok()) return added.error();
    }
    for (auto& hook : crm_record_hooks(routes_->funnels())) {
        if (auto added = ctx.record_hooks().add(std::move(hook)); !added.ok()) return added.error();
    }
    if (auto declared = ctx.permissions().declare(calls_permission()); !declared.ok()) return declared.error();
    for (auto& rule : crm_visibility_rules()) {
        if (auto added = ctx.permissions().add_visibility_rule(std::move(rule)); !added.ok()) return added.error();
    }
    for (auto& entry : crm_menu_entries()) {
        if (auto added = ctx.ui().menu(std::move(entry)); !added.ok()) return added.error();
    }
    const int overdue_every = ctx.config().value("overdue_check_seconds", 60);
    if (auto added = ctx.jobs().add({"crm.overdue", "Marks open tasks whose end has passed as overdue", overdue_every,
                                     [](sdk::Records& records) -> sdk::Result<void> {
                                         const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
                                         if (auto swept = OverdueSweep().run(records, now); !swept.ok()) return swept.error();
                                         return {};
                                     }});
        !added.ok())
        return added.error();
    imports_ = std::make_unique<ImportRoutes>(routes_->clients(), import_limits(ctx.config()));
    auto routes = routes_->routes();
    for (auto& route : imports_->routes()) routes.push_back(std::move(route));
    for (auto& route : exports_.routes()) routes.push_back(std::move(route));
    for (auto& route : routes) {
        if (auto added = ctx.http().route(std::move(route)); !added.ok()) return added.error();
    }
    return ctx.demo_data().add({"a Russian real-estate agency: clients, organisations, funnels, deals, tasks, events",
                                [this](sdk::Records& records) {
                                    return install_demo_company(records, routes_->funnels(), routes_->clients());
                                }});
}

}  // namespace orbita::plugins::crm

ORBITA_PLUGIN(orbita::plugins::crm::CrmPlugin)
