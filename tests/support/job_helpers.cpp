// SPDX-License-Identifier: Apache-2.0
#include "support/job_helpers.hpp"

#include "app/kernel.hpp"
#include "jobs/job_runner.hpp"

namespace orbita::test {

nlohmann::json manual_jobs_config(nlohmann::json extra) {
    nlohmann::json c = {{"jobs", {{"workers", 0}}}};
    c.merge_patch(extra);
    return c;
}

int run_due(TestServer& server) { return server.kernel().job_runner().run_due(); }

}  // namespace orbita::test
