// SPDX-License-Identifier: Apache-2.0
// Tests that drive jobs by hand: no background workers, due jobs run when the test says.
#pragma once

#include "support/test_server.hpp"

#include <nlohmann/json.hpp>

namespace orbita::test {

/// Configuration with no background job workers (tests run due jobs), merged with `extra`.
nlohmann::json manual_jobs_config(nlohmann::json extra = nlohmann::json::object());

/// Runs every due job of the server; answers how many ran.
int run_due(TestServer& server);

}  // namespace orbita::test
