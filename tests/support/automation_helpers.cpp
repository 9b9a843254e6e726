// SPDX-License-Identifier: Apache-2.0
#include "support/automation_helpers.hpp"

#include "app/kernel.hpp"
#include "jobs/job_runner.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

namespace orbita::test {

namespace {

nlohmann::json field(const std::string& name, const std::string& type, nlohmann::json extra = nlohmann::json::object()) {
    nlohmann::json f = {{"name", name}, {"type", type}, {"label", {{"ru", name}, {"en", name}}}};
    f.update(extra);
    return f;
}

void write_declaration(TestServer& server, const nlohmann::json& declaration) {
    const auto dir = server.data_dir() / "types";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / (declaration["name"].get<std::string>() + ".entity.json")) << declaration.dump(2);
}

}  // namespace

nlohmann::json deal_type() {
    return {{"name", "deal"},
            {"label", {{"ru", "Сделка"}, {"en", "Deal"}}},
            {"fields",
             {field("title", "string", {{"required", true}}), field("amount", "money"),
              field("stage", "string", {{"max_length", 50}}), field("pipeline", "string", {{"max_length", 50}}),
              field("owner", "user"), field("email", "email"), field("paid", "bool", {{"default", false}}),
              field("due_date", "date"), field("close_at", "datetime"), field("note", "text"), field("score", "int")}},
            {"roles", {{"owner", "owner"}, {"stage", "stage"}, {"pipeline", "pipeline"}, {"amount", "amount"}}}};
}

nlohmann::json deal_task_type() {
    return {{"name", "deal_task"},
            {"label", {{"ru", "Задача по сделке"}, {"en", "Deal task"}}},
            {"fields",
             {field("title", "string", {{"required", true}}), field("deal", "ref", {{"target", "deal"}, {"required", true}}),
              field("status", "enum",
                    {{"default", "open"},
                     {"values", {{{"value", "open"}, {"label", {{"ru", "Открыта"}, {"en", "Open"}}}},
                                 {{"value", "done"}, {"label", {{"ru", "Сделана"}, {"en", "Done"}}}}}}})}}};
}

void add_deal_types(TestServer& server) {
    for (const auto& declaration : {deal_type(), deal_task_type()}) {
        write_declaration(server, declaration);
        server.add_type(declaration);
    }
}

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

int run_due(TestServer& server) { return server.kernel().job_runner().run_due(); }

nlohmann::json manual_jobs_config(nlohmann::json extra) {
    nlohmann::json c = {{"jobs", {{"workers", 0}}}};
    c.merge_patch(extra);
    return c;
}

}  // namespace orbita::test
