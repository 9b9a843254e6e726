// SPDX-License-Identifier: Apache-2.0
#include "jobs/jobs_api.hpp"

#include "http/router.hpp"
#include "jobs/job_admin.hpp"

namespace orbita::kernel::jobs {

using http::Request;
using http::Response;

void register_jobs_api(http::Router& router, JobAdmin& admin) {
    const std::string base = "/api/v1/admin/jobs";
    auto add = [&](const char* method, std::string pattern, http::Handler handler, const char* summary) {
        router.add({.method = method, .pattern = std::move(pattern), .handler = std::move(handler), .summary = summary,
                    .tag = "admin"});
    };
    add("GET", base, [&admin](Request& r) { return Response::json(admin.list(r.actor(), r.query())); },
        "Background jobs, newest first (?state=pending|running|done|dead|cancelled&kind=&limit=&cursor=)");
    add("GET", base + "/{id}", [&admin](Request& r) { return Response::json(admin.get(r.actor(), r.id_param("id"))); },
        "One background job with its payload, attempts and last error");
    add("POST", base + "/{id}/retry", [&admin](Request& r) { return Response::json(admin.retry(r.actor(), r.id_param("id"))); },
        "Run a dead, cancelled or pending job again now, with fresh attempts");
    add("POST", base + "/{id}/cancel", [&admin](Request& r) { return Response::json(admin.cancel(r.actor(), r.id_param("id"))); },
        "Cancel a pending or dead job");
}

}  // namespace orbita::kernel::jobs
