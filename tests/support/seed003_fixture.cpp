// SPDX-License-Identifier: Apache-2.0
#include "support/seed003_fixture.hpp"

#include "app/kernel.hpp"
#include "auth/auth_service.hpp"
#include "storage/database.hpp"
#include "storage/sql_value.hpp"
#include "support/automation_helpers.hpp"
#include "support/process_helpers.hpp"
#include "support/records_helpers.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace orbita::test {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::vector<std::string> kTaskTypes = {"task", "cp_task", "contract_task", "audit_task"};

json read_json_file(const fs::path& path) { return json::parse(read_text_file(path)); }

// {"user": "clerk"} -> the id of clerk, anywhere in `value`.
json with_user_ids(TestServer& server, json value) {
    if (value.is_object() && value.size() == 1 && value.contains("user") && value["user"].is_string()) {
        auto id = server.kernel().auth().find_user(value["user"].get<std::string>());
        REQUIRE(id);
        return *id;
    }
    if (value.is_structured()) {
        for (auto& item : value) item = with_user_ids(server, item);
    }
    return value;
}

// "contract/cp" -> the id of stage cp of pipeline contract.
std::int64_t stage_of(const std::map<std::string, json>& pipelines, const std::string& path) {
    const auto slash = path.find('/');
    REQUIRE(slash != std::string::npos);
    const auto pipeline = pipelines.find(path.substr(0, slash));
    REQUIRE(pipeline != pipelines.end());
    return stage_id(pipeline->second, path.substr(slash + 1));
}

// The fixture's robots or triggers, each with its "stage" path replaced by stage_id.
void post_bound_to_stages(HttpClient& http, const std::string& url, json items, const std::map<std::string, json>& pipelines) {
    for (auto& item : items) {
        item["stage_id"] = stage_of(pipelines, item["stage"].get<std::string>());
        item.erase("stage");
        auto r = http.post(url, item);
        INFO(item.dump() << " -> " << r.body);
        REQUIRE(r.status == 201);
    }
}

void install_scripts(TestServer& server, const fs::path& dir) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (entry.path().extension() == ".lua") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        create_script(server, file.stem().string(), file.parent_path().filename().string(), read_text_file(file));
    }
}

std::string login_of(const std::map<std::string, std::int64_t>& people, const json& id) {
    for (const auto& [login, user] : people) {
        if (id == user) return login;
    }
    return id.dump();
}

void add_stage_entries(TestServer& server, std::vector<std::string>& out) {
    using kernel::storage::ReadKind;
    const auto rows = server.kernel().database().read([&](kernel::storage::Connection& c) {
        return c.query(kernel::storage::SqlFragment(
                           "SELECT e.entity_type, e.record_id, p.key, s.key, e.entered_at FROM stage_entries e"
                           " JOIN pipelines p ON p.id = e.pipeline_id JOIN stages s ON s.id = e.stage_id ORDER BY e.id"),
                       {ReadKind::Text, ReadKind::Int, ReadKind::Text, ReadKind::Text, ReadKind::Int});
    });
    for (const auto& r : rows) {
        const auto at = kernel::TimePoint(std::chrono::milliseconds(*kernel::storage::as_int(r[4])));
        out.push_back(kernel::format_utc(at) + " " + *kernel::storage::as_text(r[0]) + "#" +
                      std::to_string(*kernel::storage::as_int(r[1])) + " -> " + *kernel::storage::as_text(r[2]) + "/" +
                      *kernel::storage::as_text(r[3]));
    }
}

}  // namespace

const std::vector<std::string>& seed003_people() {
    static const std::vector<std::string> people = {"manager", "supervisor", "clerk", "it_director"};
    return people;
}

std::map<std::string, std::int64_t> create_seed003_people(TestServer& server) {
    std::map<std::string, std::int64_t> ids;
    for (const auto& login : seed003_people()) ids[login] = server.create_user(login, {});
    return ids;
}

std::map<std::string, json> install_seed003(TestServer& server, const fs::path& fixture_dir) {
    std::vector<fs::path> declarations;
    for (const auto& entry : fs::directory_iterator(fixture_dir / "types")) declarations.push_back(entry.path());
    // Referenced types first: tasks point at deals and leads, deals at leads.
    auto rank = [](const fs::path& p) {
        const auto name = p.filename().string();
        return std::make_pair(name == "lead.entity.json" ? 0 : name == "deal.entity.json" ? 1 : 2, name);
    };
    std::sort(declarations.begin(), declarations.end(), [&](const fs::path& a, const fs::path& b) { return rank(a) < rank(b); });
    for (const auto& file : declarations) install_type(server, read_json_file(file));

    auto http = server.client();
    // (Named: a range-for over items() of a temporary would outlive the temporary.)
    const auto calendar = read_json_file(fixture_dir / "calendar.json");
    for (const auto& [day, kind] : calendar["days"].items()) {
        auto r = http.put("/api/v1/admin/calendar/days/" + day, json{{"kind", kind}});
        INFO(r.body);
        REQUIRE(r.status == 200);
    }
    const auto constants = read_json_file(fixture_dir / "constants.json");
    for (const auto& [name, body] : constants.items()) {
        auto r = http.put("/api/v1/constants/" + name, with_user_ids(server, body));
        INFO(name << " -> " << r.body);
        REQUIRE(r.status == 200);
    }
    install_scripts(server, fixture_dir / "scripts");
    std::map<std::string, json> pipelines;
    for (const auto& pipeline : read_json_file(fixture_dir / "pipelines.json")) {
        auto r = http.post("/api/v1/admin/pipelines", pipeline);
        INFO(r.body);
        REQUIRE(r.status == 201);
        pipelines[pipeline["key"].get<std::string>()] = r.json();
    }
    post_bound_to_stages(http, "/api/v1/admin/robots", read_json_file(fixture_dir / "robots.json"), pipelines);
    post_bound_to_stages(http, "/api/v1/admin/triggers", read_json_file(fixture_dir / "triggers.json"), pipelines);
    return pipelines;
}

std::vector<std::string> seed003_timeline(TestServer& server, const std::map<std::string, std::int64_t>& people) {
    std::vector<std::string> out;
    add_stage_entries(server, out);
    auto http = server.client();
    for (const auto& type : kTaskTypes) {
        for (const auto& task : list_all(http, type, {{"sort", "id"}})) {
            out.push_back(task["created_at"].get<std::string>() + " " + type + " @" + login_of(people, task["assignee"]) + ": " +
                          task["title"].get<std::string>());
        }
    }
    for (const auto& [login, id] : people) {
        for (const auto& n : notifications_of(server, id)) {
            out.push_back(n["created_at"].get<std::string>() + " notify @" + login + ": " + n["body"].get<std::string>());
        }
    }
    const auto outbox = http.get("/api/v1/admin/outbox?channel=email&limit=500");
    INFO(outbox.body);
    REQUIRE(outbox.status == 200);
    const auto messages = outbox.json();
    for (const auto& m : messages["items"]) {
        const auto& p = m["payload"];
        std::string to;
        for (const auto& address : p["to"]) to += (to.empty() ? "" : ",") + address.get<std::string>();
        out.push_back(m["created_at"].get<std::string>() + " email " + to + ": " + p["subject"].get<std::string>() + " | " +
                      p["text"].get<std::string>());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string read_text_file(const fs::path& path) {
    std::ifstream in(path);
    INFO(path);
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace orbita::test
