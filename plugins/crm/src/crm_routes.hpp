// SPDX-License-Identifier: Apache-2.0
// The crm REST routes: thin handlers over the services.
#pragma once

#include "client_search.hpp"
#include "client_service.hpp"
#include "deal_service.hpp"
#include "funnel_service.hpp"
#include "task_service.hpp"

#include <orbita/sdk/http.hpp>

#include <cstdint>
#include <functional>
#include <vector>

namespace orbita::plugins::crm {

/// Every route under /api/v1/crm/. Handlers read the request, call one service
/// method with the caller's Records and turn its Result into a Response.
class CrmRoutes {
public:
    explicit CrmRoutes(int stage_limit);
    /// The routes to register (method, path, summary, handler bound to this object).
    std::vector<sdk::Route> routes();

    const FunnelService& funnels() const { return funnels_; }
    const ClientService& clients() const { return clients_; }

private:
    sdk::Response setup(const sdk::Request& r) const;
    sdk::Response search(const sdk::Request& r) const;
    sdk::Response merge(const sdk::Request& r, std::int64_t id) const;
    sdk::Response create_funnel(const sdk::Request& r) const;
    sdk::Response add_stage(const sdk::Request& r, std::int64_t id) const;
    sdk::Response delete_funnel(const sdk::Request& r, std::int64_t id) const;
    sdk::Response deal_state(const sdk::Request& r, std::int64_t id) const;
    sdk::Response complete_task(const sdk::Request& r, std::int64_t id) const;

    FunnelService funnels_;
    ClientService clients_;
    ClientSearch search_{clients_};
    DealService deals_;
    TaskService tasks_;
};

}  // namespace orbita::plugins::crm
