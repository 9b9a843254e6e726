// SPDX-License-Identifier: Apache-2.0
// Shared steps of the pipeline, robot and trigger tests: fixture types with a stage
// field, pipelines created through the admin API, robots, and running due jobs.
#pragma once

#include "support/http_client.hpp"
#include "support/job_helpers.hpp"
#include "support/test_server.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace orbita::test {

/// `deal`: title, amount (money), stage and pipeline (roles), owner, email, paid,
/// due_date (date), close_at (datetime), note, score (int).
nlohmann::json deal_type();
/// `deal_task`: title, a required `deal` ref, status (enum open/done).
nlohmann::json deal_task_type();
/// Adds deal_type() (and deal_task_type()) to the server and writes their declarations
/// to <data_dir>/types, so they survive TestServer::restart().
void add_deal_types(TestServer& server);
/// Adds the type `declaration` to the server and writes it to <data_dir>/types, so it
/// survives TestServer::restart().
void install_type(TestServer& server, const nlohmann::json& declaration);

/// POST /api/v1/admin/pipelines for deal with stages given as keys, all "open" except
/// "won" (success) and "lost" (failure); fails the test unless 201. Answers the pipeline.
nlohmann::json create_pipeline(HttpClient& admin, const std::string& key, const std::vector<std::string>& stages,
                               const std::string& type = "deal");
/// The id of stage `key` in a pipeline document.
std::int64_t stage_id(const nlohmann::json& pipeline, const std::string& key);

/// POST /api/v1/admin/robots; fails the test unless 201. Answers the robot.
nlohmann::json create_robot(HttpClient& admin, const nlohmann::json& body);
/// POST /api/v1/admin/triggers; fails the test unless 201. Answers the trigger.
nlohmann::json create_trigger(HttpClient& admin, const nlohmann::json& body);
/// GET /api/v1/admin/robots/{id}/runs items, newest first.
nlohmann::json robot_runs(HttpClient& admin, std::int64_t robot_id);

/// GET a record; fails the test unless 200.
nlohmann::json get_record(HttpClient& http, const std::string& type, std::int64_t id);
/// POST /api/v1/records/{type}/{id}/move; answers the response.
HttpResponse move(HttpClient& http, const std::string& type, std::int64_t id, const std::string& stage,
                  const std::string& pipeline = "");

}  // namespace orbita::test
