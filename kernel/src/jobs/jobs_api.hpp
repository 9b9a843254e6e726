// SPDX-License-Identifier: Apache-2.0
// /api/v1/admin/jobs: background jobs for administrators.
#pragma once

namespace orbita::kernel::http {
class Router;
}

namespace orbita::kernel::jobs {

class JobAdmin;

/// GET /api/v1/admin/jobs, GET .../{id}, POST .../{id}/retry, POST .../{id}/cancel.
void register_jobs_api(http::Router& router, JobAdmin& admin);

}  // namespace orbita::kernel::jobs
