// SPDX-License-Identifier: Apache-2.0
// Durable processes in tests: scripts, instances and the manual clock.
#pragma once

#include "support/job_helpers.hpp"
#include "support/test_server.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace orbita::test {

/// Stores `source` as a script `name` of `kind` (process, robot, condition, ...) through
/// the admin API; answers its id.
std::int64_t create_script(TestServer& server, const std::string& name, const std::string& kind, const std::string& source);
/// Stores `source` as a process script `name` through the admin API; answers its id.
std::int64_t create_process(TestServer& server, const std::string& name, const std::string& source);
/// Starts an instance through the admin API (`body` adds record, vars, as); requires
/// 201 and answers the instance.
nlohmann::json start_process(TestServer& server, const std::string& name, nlohmann::json body = nlohmann::json::object());
/// The instance with its history (GET .../instances/{id}).
nlohmann::json process_instance(TestServer& server, std::int64_t id);
/// Moves the manual clock to `iso` and runs every job due then; answers how many ran.
int run_at(TestServer& server, kernel::ManualClock& clock, const std::string& iso);
/// The notifications of `user_id`, oldest first, read straight from the table.
nlohmann::json notifications_of(TestServer& server, std::int64_t user_id);

}  // namespace orbita::test
