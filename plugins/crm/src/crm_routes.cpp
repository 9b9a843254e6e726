// SPDX-License-Identifier: Apache-2.0
#include "crm_routes.hpp"

#include "catalog_seed.hpp"
#include "route_helpers.hpp"

#include <chrono>

namespace orbita::plugins::crm {

CrmRoutes::CrmRoutes(int stage_limit) : funnels_(stage_limit) {}

std::vector<sdk::Route> CrmRoutes::routes() {
    const std::string base = "/api/v1/crm";
    return {
        {"POST", base + "/setup", "Install the seed catalogs and the default funnel (administrators)",
         [this](const sdk::Request& r) { return setup(r); }},
        {"GET", base + "/search", "Find clients and organizations by name, phone, e-mail or INN",
         [this](const sdk::Request& r) { return search(r); }},
        {"POST", base + "/clients", "Create a client with phones and e-mails (duplicate check)",
         [this](const sdk::Request& r) { return clients_.create(r.records, r.body); }},
        {"GET", base + "/clients/{id}", "A client with its phones and e-mails",
         with_id([this](const sdk::Request& r, std::int64_t id) { return answer(clients_.get(r.records, id)); })},
        {"POST", base + "/clients/{id}/merge", "Merge another client ({\"from\": id}) into this one",
         with_id([this](const sdk::Request& r, std::int64_t id) { return merge(r, id); })},
        {"POST", base + "/organizations", "Create an organization (name or INN, INN checksum)",
         [this](const sdk::Request& r) { return answer(clients_.create_organization(r.records, r.body), 201); }},
        {"POST", base + "/funnels", "Create a funnel with its stages", [this](const sdk::Request& r) { return create_funnel(r); }},
        {"POST", base + "/funnels/{id}/stages", "Add a stage to a funnel", with_id([this](const sdk::Request& r, std::int64_t id) { return add_stage(r, id); })},
        {"DELETE", base + "/funnels/{id}", "Delete (archive) an empty funnel", with_id([this](const sdk::Request& r, std::int64_t id) { return delete_funnel(r, id); })},
        {"POST", base + "/deals", "Create a deal in a funnel stage",
         [this](const sdk::Request& r) { return answer(deals_.create(r.records, r.body), 201); }},
        {"POST", base + "/deals/{id}/move", "Move a deal to a stage (within its company's funnels)",
         with_id([this](const sdk::Request& r, std::int64_t id) { return answer(deals_.move(r.records, id, r.body)); })},
        {"POST", base + "/deals/{id}/state", "Win, lose, archive or restore a deal", with_id([this](const sdk::Request& r, std::int64_t id) { return deal_state(r, id); })},
        {"POST", base + "/tasks", "Create a task (recurrence and dependencies checked)",
         [this](const sdk::Request& r) { return answer(tasks_.create(r.records, r.body), 201); }},
        {"PUT", base + "/tasks/{id}/dependencies", "Replace a task's dependencies (no cycles)",
         with_id([this](const sdk::Request& r, std::int64_t id) { return answer(tasks_.set_dependencies(r.records, id, r.body)); })},
        {"POST", base + "/events/{id}/task", "Create a task from an event, copying its requisites",
         with_id([this](const sdk::Request& r, std::int64_t id) { return answer(tasks_.from_event(r.records, id, r.body), 201); })},
        {"POST", base + "/tasks/{id}/complete", "Complete a task; a recurring one gets its next occurrence",
         with_id([this](const sdk::Request& r, std::int64_t id) { return complete_task(r, id); })},
    };
}

sdk::Response CrmRoutes::setup(const sdk::Request& r) const {
    if (!r.actor.is_administrator() && !r.actor.is_system())
        return sdk::Response::problem(403, "forbidden", "installing the crm catalogs is for administrators");
    return answer(seed_catalogs(r.records, funnels_));
}

sdk::Response CrmRoutes::search(const sdk::Request& r) const {
    auto q = r.query_param("q");
    if (!q) return sdk::Response::problem(422, "invalid-query", "give the text to look for as ?q=");
    return answer(search_.search(r.records, *q));
}

sdk::Response CrmRoutes::merge(const sdk::Request& r, std::int64_t id) const {
    if (!r.body.is_object() || !r.body.contains("from") || !r.body["from"].is_number_integer())
        return sdk::Response::problem(422, "invalid-input", "the body is {\"from\": <id of the client merged into this one>}");
    return answer(clients_.merge(r.records, id, r.body["from"].get<std::int64_t>()));
}

sdk::Response CrmRoutes::create_funnel(const sdk::Request& r) const { return answer(funnels_.create(r.records, r.body), 201); }

sdk::Response CrmRoutes::add_stage(const sdk::Request& r, std::int64_t id) const {
    return answer(funnels_.add_stage(r.records, id, r.body), 201);
}

sdk::Response CrmRoutes::delete_funnel(const sdk::Request& r, std::int64_t id) const {
    auto removed = funnels_.remove(r.records, id);
    return removed.ok() ? sdk::Response::json({{"id", id}, {"archived", true}}) : sdk::Response::from_error(removed.error());
}

sdk::Response CrmRoutes::deal_state(const sdk::Request& r, std::int64_t id) const {
    if (!r.body.is_object() || !r.body.contains("state") || !r.body["state"].is_string())
        return sdk::Response::problem(422, "invalid-input", "the body is {\"state\": \"won\" | \"lost\" | \"archived\" | \"active\"}");
    return answer(deals_.set_state(r.records, id, r.body["state"].get<std::string>()));
}

sdk::Response CrmRoutes::complete_task(const sdk::Request& r, std::int64_t id) const {
    const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    return answer(tasks_.complete(r.records, id, now));
}

}  // namespace orbita::plugins::crm
