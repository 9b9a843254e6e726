// SPDX-License-Identifier: Apache-2.0
#include "plugins/route_adapter.hpp"

#include "core/problem.hpp"
#include "plugins/sdk_actor.hpp"
#include "plugins/sdk_records.hpp"

namespace orbita::kernel::plugins {

std::string title_of(const std::string& code) {
    std::string t = code;
    for (auto& c : t) if (c == '-' || c == '_') c = ' ';
    if (!t.empty()) t[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(t[0])));
    return t.empty() ? "Error" : t;
}

http::Route adapt_route(sdk::Route route, const std::string& plugin_id, records::RecordRepository& records,
                        PluginFaults& faults) {
    http::Route out;
    out.method = route.method;
    out.pattern = route.path;
    out.summary = route.summary;
    out.tag = plugin_id;
    out.owner = plugin_id;
    const std::string what = "route " + route.method + " " + route.path;
    out.handler = [handler = std::move(route.handler), plugin_id, what, &records, &faults](http::Request& req) {
        nlohmann::json body;
        if (req.method() != "GET" && req.method() != "DELETE" && !req.body().empty()) body = req.json_body();
        std::map<std::string, std::string> query;
        for (const auto& [k, v] : req.query()) query.emplace(k, v);
        SdkActor actor(req.actor());
        SdkRecords access(records, req.actor());
        const sdk::Request request{req.method(), req.path(), req.params(), query, std::move(body), actor, access};
        sdk::Response answer;
        try {
            answer = call_plugin(faults, plugin_id, what, [&] { return handler(request); });
        } catch (const PluginCallError& e) {
            throw Problem(500, "plugin-error", "Plugin error", e.what());
        }
        if (answer.is_problem) {
            // Members beside code and detail are the problem's extension members (the
            // candidates of a duplicate, say); the standard ones stay the kernel's.
            nlohmann::json extra = nlohmann::json::object();
            if (answer.body.is_object()) {
                for (const auto& [key, value] : answer.body.items()) {
                    if (key != "code" && key != "detail" && key != "type" && key != "title" && key != "status" &&
                        key != "instance" && key != "request_id" && key != "errors")
                        extra[key] = value;
                }
            }
            throw Problem(answer.status, answer.body.value("code", "plugin-problem"),
                          title_of(answer.body.value("code", "")), answer.body.value("detail", ""), {}, std::move(extra));
        }
        return http::Response::json(answer.status, answer.body);
    };
    return out;
}

}  // namespace orbita::kernel::plugins
