// SPDX-License-Identifier: Apache-2.0
#include "support/automation_helpers.hpp"

#include "app/kernel.hpp"
#include "jobs/job_runner.hpp"

#include <catch2/catch.hpp>

namespace orbita::test {

nlohmann::json create_pipeline(HttpClient& admin, const std::string& key, const std::vector<std::string>& stages,
                               const std::string& type) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& s : stages) {
        list.push_back({{"key", s}, {"name", "Stage " + s},
                        {"kind", s == "won" ? "success" : s == "lost" ? "failure" : "open"}});
    }
    auto r = admin.post("/api/v1/admin/pipelines", {{"type", type}, {"key", key}, {"name", "Pipeline " + key}, {"stages", list}});
    INFO(r.body);
    REQUIRE(r.status == 201);
    return r.json();
}

std::int64_t stage_id(const nlohmann::json& pipeline, const std::string& key) {
    for (const auto& s : pipeline["stages"]) {
        if (s["key"] == key) return s["id"].get<std::int64_t>();
    }
    FAIL("no stage " << key << " in " << pipeline.dump());
    return 0;
}

nlohmann::json create_robot(HttpClient& admin, const nlohmann::json& body) {
    auto r = admin.post("/api/v1/admin/robots", body);
    INFO(r.body);
    REQUIRE(r.status == 201);
    return r.json();
}

nlohmann::json create_trigger(HttpClient& admin, const nlohmann::json& body) {
    auto r = admin.post("/api/v1/admin/triggers", body);
    INFO(r.body);
    REQUIRE(r.status == 201);
    return r.json();
}

nlohmann::json robot_runs(HttpClient& admin, std::int64_t robot_id) {
    auto r = admin.get("/api/v1/admin/robots/" + std::to_string(robot_id) + "/runs");
    INFO(r.body);
    REQUIRE(r.status == 200);
    return r.json()["items"];
}

nlohmann::json get_record(HttpClient& http, const std::string& type, std::int64_t id) {
    auto r = http.get("/api/v1/records/" + type + "/" + std::to_string(id));
    INFO(r.body);
    REQUIRE(r.status == 200);
    return r.json();
}

HttpResponse move(HttpClient& http, const std::string& type, std::int64_t id, const std::string& stage,
                  const std::string& pipeline) {
    nlohmann::json body = {{"stage", stage}};
    if (!pipeline.empty()) body["pipeline"] = pipeline;
    return http.post("/api/v1/records/" + type + "/" + std::to_string(id) + "/move", body);
}

}  // namespace orbita::test
