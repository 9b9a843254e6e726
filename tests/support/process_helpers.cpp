// SPDX-License-Identifier: Apache-2.0
#include "support/process_helpers.hpp"

#include "jobs/job_runner.hpp"
#include "notifications/notification_store.hpp"
#include "storage/database.hpp"

#include <catch2/catch.hpp>

namespace orbita::test {


std::int64_t create_script(TestServer& server, const std::string& name, const std::string& kind, const std::string& source) {
    auto r = server.client().post("/api/v1/admin/scripts", {{"name", name}, {"kind", kind}, {"source", source}});
    INFO(r.body);
    REQUIRE(r.status == 201);
    return r.json()["id"].get<std::int64_t>();
}

std::int64_t create_process(TestServer& server, const std::string& name, const std::string& source) {
    return create_script(server, name, "process", source);
}

nlohmann::json start_process(TestServer& server, const std::string& name, nlohmann::json body) {
    body["process"] = name;
    auto r = server.client().post("/api/v1/admin/processes/instances", body);
    INFO(r.body);
    REQUIRE(r.status == 201);
    return r.json();
}

nlohmann::json process_instance(TestServer& server, std::int64_t id) {
    auto r = server.client().get("/api/v1/admin/processes/instances/" + std::to_string(id));
    INFO(r.body);
    REQUIRE(r.status == 200);
    return r.json();
}

int run_at(TestServer& server, kernel::ManualClock& clock, const std::string& iso) {
    clock.set(*kernel::parse_iso_datetime(iso));
    return server.kernel().job_runner().run_due();
}

nlohmann::json notifications_of(TestServer& server, std::int64_t user_id) {
    return server.kernel().database().read([&](kernel::storage::Connection& conn) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& n : kernel::notifications::NotificationStore::list(conn, {user_id, false, std::nullopt, 500})) {
            out.insert(out.begin(), n.to_json());
        }
        return out;
    });
}

}  // namespace orbita::test
