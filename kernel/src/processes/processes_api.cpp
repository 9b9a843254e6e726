// SPDX-License-Identifier: Apache-2.0
#include "processes/processes_api.hpp"

#include "acl/access_admin.hpp"
#include "audit/audit_log.hpp"
#include "auth/user_directory.hpp"
#include "core/problem.hpp"
#include "http/router.hpp"
#include "jobs/admin_list_query.hpp"
#include "processes/process_engine.hpp"

#include <algorithm>
#include <charconv>

namespace orbita::kernel::processes {

using http::Request;
using http::Response;

namespace {

const std::vector<std::string> kStatuses = {status::kRunning, status::kWaiting, status::kCompleted, status::kFailed,
                                            status::kCancelled};

std::optional<lua::RecordRef> parse_ref(const std::string& text) {
    const auto colon = text.find(':');
    if (colon == std::string::npos || colon == 0) return std::nullopt;
    std::int64_t id = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data() + colon + 1, end, id);
    if (ec != std::errc() || ptr != end || id <= 0) return std::nullopt;
    return lua::RecordRef{text.substr(0, colon), id};
}

// {process, record?, vars?, as?} as a StartRequest; the caller runs it by default.
StartRequest start_request(const nlohmann::json& body, const Actor& caller, auth::UserDirectory& users) {
    if (!body.is_object()) throw Problem::bad_request("the body must be a JSON object");
    std::vector<FieldError> errors;
    StartRequest request;
    if (!body.contains("process") || !body["process"].is_string()) {
        errors.push_back({"process", "required", "process names a process script"});
    } else {
        request.process = body["process"].get<std::string>();
    }
    if (body.contains("record") && !body["record"].is_null()) {
        const auto& r = body["record"];
        if (r.is_object() && r.contains("type") && r["type"].is_string() && r.contains("id") && r["id"].is_number_integer()) {
            request.record = lua::RecordRef{r["type"].get<std::string>(), r["id"].get<std::int64_t>()};
        } else {
            errors.push_back({"record", "invalid_type", "record must be {\"type\": \"...\", \"id\": N}"});
        }
    }
    request.vars = body.value("vars", nlohmann::json::object());
    if (!errors.empty()) throw Problem::validation(std::move(errors));
    request.run_as = body.contains("as") ? users.actor(body["as"], "as") : caller;
    request.started_by = caller.login;
    return request;
}

InstanceFilter instance_filter(const jobs::AdminListQuery& query) {
    InstanceFilter f{query.filter("process"), query.filter("status"), std::nullopt, query.before_id, query.limit};
    if (!f.status.empty() && std::find(kStatuses.begin(), kStatuses.end(), f.status) == kStatuses.end()) {
        throw Problem::bad_request("unknown status", {{"status", "invalid_value", "running, waiting, completed, failed or cancelled"}});
    }
    if (const auto record = query.filter("record"); !record.empty()) {
        f.record = parse_ref(record);
        if (!f.record) throw Problem::bad_request("bad record", {{"record", "invalid_value", "record is type:id, e.g. deal:7"}});
    }
    return f;
}

}  // namespace

void register_processes_api(http::Router& router, ProcessEngine& engine, auth::UserDirectory& users,
                            acl::AccessAdmin& access, audit::AuditLog& audit) {
    const std::string base = "/api/v1/admin/processes";
    auto add = [&](const char* method, std::string pattern, http::Handler handler, const char* summary) {
        router.add({.method = method, .pattern = std::move(pattern), .handler = std::move(handler), .summary = summary,
                    .tag = "admin"});
    };
    auto admin_only = [&access](const Request& r) { access.require_admin(r.actor(), "manage durable processes"); };

    add("POST", base + "/instances", [&, admin_only](Request& r) {
            admin_only(r);
            const auto instance = engine.start(start_request(r.json_body(), r.actor(), users));
            audit.record(r.actor(), "process.started", {{"instance", instance.id}, {"process", instance.process}});
            return Response::json(201, instance.to_json());
        }, "Start a durable process instance (as a user, about a record, with initial variables)");
    add("GET", base + "/instances", [&engine, admin_only](Request& r) {
            admin_only(r);
            const auto query = jobs::AdminListQuery::parse(r.query(), {"process", "status", "record"});
            return Response::json(query.page(engine.list(instance_filter(query))));
        }, "Process instances, newest first (?process=&status=&record=type:id&limit=&cursor=)");
    add("GET", base + "/instances/{id}", [&engine, admin_only](Request& r) {
            admin_only(r);
            return Response::json(engine.inspect(r.id_param("id")));
        }, "One process instance: state, variables, what it waits for, step history, error");
    add("POST", base + "/instances/{id}/cancel", [&engine, &audit, admin_only](Request& r) {
            admin_only(r);
            const auto instance = engine.cancel(r.id_param("id"), r.actor());
            audit.record(r.actor(), "process.cancelled", {{"instance", instance.id}, {"process", instance.process}});
            return Response::json(instance.to_json());
        }, "Cancel a running, waiting or failed process instance and its pending wake-up");
    add("POST", base + "/instances/{id}/retry", [&engine, &audit, admin_only](Request& r) {
            admin_only(r);
            const auto instance = engine.retry(r.id_param("id"), r.actor());
            audit.record(r.actor(), "process.retried", {{"instance", instance.id}, {"process", instance.process}});
            return Response::json(instance.to_json());
        }, "Run the failed step of a failed instance again, with the newest version of its script");
    add("POST", base + "/dry-run", [&engine, &users, admin_only](Request& r) {
            admin_only(r);
            const auto body = r.json_body();
            const auto request = start_request(body, r.actor(), users);
            const auto step = body.value("step", nlohmann::json("start"));
            if (!step.is_string()) throw Problem::validation({{"step", "invalid_type", "step names a step of the process"}});
            auto result = engine.dry_run(request, step.get<std::string>(), body.value("event", nlohmann::json()));
            auto out = result.to_json();
            out["vars"] = result.entry_state.value("vars", nlohmann::json());
            return Response::json(out);
        }, "Dry run of one step of a process for a record: logs, effects, what it returns and the variables it leaves");
}

}  // namespace orbita::kernel::processes
