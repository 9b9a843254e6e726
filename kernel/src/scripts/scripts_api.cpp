// SPDX-License-Identifier: Apache-2.0
#include "scripts/scripts_api.hpp"

#include "acl/access_admin.hpp"
#include "core/problem.hpp"
#include "http/router.hpp"
#include "lua/run_result.hpp"
#include "scripts/constant_store.hpp"
#include "scripts/script_service.hpp"

#include <algorithm>

namespace orbita::kernel::scripts {

using http::Request;
using http::Response;

namespace {

// {as?, record?: {type, id}, args?} of a dry-run request.
RunRequest run_request(const nlohmann::json& body) {
    RunRequest request;
    std::vector<FieldError> errors;
    if (body.contains("as")) {
        if (body["as"].is_string()) {
            request.as_login = body["as"].get<std::string>();
        } else {
            errors.push_back({"as", "type", "as must be a user login"});
        }
    }
    if (body.contains("record") && !body["record"].is_null()) {
        const auto& r = body["record"];
        if (r.is_object() && r.contains("type") && r["type"].is_string() && r.contains("id") && r["id"].is_number_integer()) {
            request.record = lua::RecordRef{r["type"].get<std::string>(), r["id"].get<std::int64_t>()};
        } else {
            errors.push_back({"record", "type", "record must be {\"type\": \"...\", \"id\": N}"});
        }
    }
    request.args = body.value("args", nlohmann::json());
    if (!errors.empty()) throw Problem::validation(std::move(errors));
    return request;
}

int int_param(const Request& r, const char* name, int fallback) {
    auto v = r.query_param(name);
    if (!v) return fallback;
    try {
        return std::stoi(*v);
    } catch (const std::exception&) {
        throw Problem::bad_request(std::string(name) + " must be a whole number");
    }
}

}  // namespace

void register_scripts_api(http::Router& router, ScriptService& scripts, ConstantStore& constants, acl::AccessAdmin& admin) {
    const std::string base = "/api/v1/admin/scripts";
    auto add = [&](const char* method, std::string pattern, http::Handler handler, const char* summary, const char* tag) {
        router.add({.method = method, .pattern = std::move(pattern), .handler = std::move(handler), .summary = summary, .tag = tag});
    };
    auto admin_only = [&admin](const Request& r, const char* what) { admin.require_admin(r.actor(), what); };

    add("GET", base, [&scripts, &constants, admin_only](Request& r) {
            admin_only(r, "list scripts");
            return Response::json(scripts.list());
        }, "Lua scripts (without sources)", "scripts");
    add("POST", base, [&scripts, &constants, admin_only](Request& r) {
            admin_only(r, "create scripts");
            return Response::json(201, scripts.create(r.actor(), r.json_body()));
        }, "Create a script (compiled first: 422 with the line when it does not compile)", "scripts");
    add("POST", base + "/check", [&scripts, &constants, admin_only](Request& r) {
            admin_only(r, "check scripts");
            auto body = r.json_body();
            if (!body.is_object() || !body.contains("source") || !body["source"].is_string())
                throw Problem::validation({{"source", "required", "source is required"}});
            return Response::json(scripts.check(body.value("name", std::string("check")), body["source"].get<std::string>()));
        }, "Compile a source without running it", "scripts");
    add("POST", base + "/dry-run", [&scripts, &constants, admin_only](Request& r) {
            admin_only(r, "run scripts");
            auto body = r.json_body();
            if (!body.is_object() || !body.contains("source") || !body["source"].is_string())
                throw Problem::validation({{"source", "required", "source is required"}});
            auto request = run_request(body);
            return Response::json(scripts.run_source(r.actor(), "dry-run", body["source"].get<std::string>(), request).to_json());
        }, "Run a source in a transaction that is rolled back; logs, effects and errors", "scripts");
    add("GET", base + "/{id}", [&scripts, &constants, admin_only](Request& r) {
            admin_only(r, "read scripts");
            return Response::json(scripts.get(r.id_param("id")));
        }, "A script with its source", "scripts");
    add("PATCH", base + "/{id}", [&scripts, &constants, admin_only](Request& r) {
            admin_only(r, "change scripts");
            return Response::json(scripts.update(r.actor(), r.id_param("id"), r.json_body()));
        }, "Change a script's source, description or enabled flag", "scripts");
    add("GET", base + "/{id}/versions", [&scripts, &constants, admin_only](Request& r) {
            admin_only(r, "read script versions");
            return Response::json(scripts.versions(r.id_param("id")));
        }, "Versions of a script: author, time, diff", "scripts");
    add("GET", base + "/{id}/runs", [&scripts, &constants, admin_only](Request& r) {
            admin_only(r, "read script runs");
            return Response::json(scripts.runs(r.id_param("id"), std::clamp(int_param(r, "limit", 50), 1, 500),
                                               int_param(r, "before", 0)));
        }, "Run history of a script: duration, result, error", "scripts");
    add("POST", base + "/{id}/dry-run", [&scripts, &constants, admin_only](Request& r) {
            admin_only(r, "run scripts");
            auto body = r.json_body();
            auto request = run_request(body.is_object() ? body : nlohmann::json::object());
            return Response::json(scripts.run_stored(r.actor(), r.id_param("id"), request).to_json());
        }, "Dry run of a stored script as a user against a record", "scripts");

    const std::string consts = "/api/v1/constants";
    add("GET", consts, [&constants](Request&) { return Response::json(constants.list()); }, "Global constants", "constants");
    add("GET", consts + "/{name}", [&constants](Request& r) { return Response::json(constants.get(r.param("name"))); },
        "A global constant", "constants");
    add("PUT", consts + "/{name}", [&scripts, &constants, admin_only](Request& r) {
            admin_only(r, "change constants");
            return Response::json(constants.put(r.actor(), r.param("name"), r.json_body()));
        }, "Create or change a constant (typed; 422 for a value of the wrong type)", "constants");
    add("GET", consts + "/{name}/versions", [&scripts, &constants, admin_only](Request& r) {
            admin_only(r, "read constant versions");
            return Response::json(constants.versions(r.param("name")));
        }, "Versions of a constant", "constants");
}

}  // namespace orbita::kernel::scripts
