// SPDX-License-Identifier: Apache-2.0
#include "processes/step_api.hpp"

#include "lua/extension_args.hpp"
#include "lua/run_state.hpp"

#include <algorithm>
#include <cmath>

namespace orbita::kernel::processes {

using lua::ExtensionArgs;
using lua::RunState;

namespace {

constexpr double kMaxSeconds = 10.0 * 366 * 24 * 3600;

std::string step_name(const ExtensionArgs& args, const nlohmann::json& value, const std::string& what, const RunState& run) {
    auto steps = run.entry_functions;
    std::sort(steps.begin(), steps.end());
    std::string known;
    for (const auto& s : steps) known += (known.empty() ? "" : ", ") + s;
    if (!value.is_string() || value.get_ref<const std::string&>().empty()) args.fail(what + " must be the name of a step (" + known + ")");
    const auto name = value.get<std::string>();
    if (std::find(steps.begin(), steps.end(), name) == steps.end()) args.fail("there is no step '" + name + "' (steps: " + known + ")");
    return name;
}

TimePoint after_seconds(const ExtensionArgs& args, const nlohmann::json& value, const std::string& what, const Clock& clock) {
    if (!value.is_number() || !(value.get<double>() > 0) || value.get<double>() > kMaxSeconds)
        args.fail(what + " must be a number of seconds, more than 0 and at most ten years");
    return clock.now() + std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(value.get<double>() * 1000)));
}

nlohmann::json event_filter(const ExtensionArgs& args) {
    if (!args.present(2)) return nlohmann::json::object();
    const auto& filter = args.at(2);
    if (!filter.is_object()) args.fail("argument #2 must be a filter table such as {type = \"deal\", id = 7}");
    if (filter.contains("type") && !filter["type"].is_string()) args.fail("filter.type must be an entity type name");
    if (filter.contains("id") && !filter["id"].is_number_integer()) args.fail("filter.id must be a record id (integer)");
    if (filter.contains("id") && !filter.contains("type")) args.fail("filter.id needs filter.type");
    return filter;
}

nlohmann::json wait_for(const ExtensionArgs& args, RunState& run, const Clock& clock) {
    const auto event = args.string(1, "an event name such as \"record.updated\"");
    nlohmann::json d = {{"op", "wait_for"}, {"event", event}, {"filter", event_filter(args)}};
    const auto options = args.options(3, "next, timeout, timeout_at, on_timeout");
    d["next"] = step_name(args, options.value("next", nlohmann::json()), "options.next", run);
    if (options.contains("timeout") && options.contains("timeout_at")) args.fail("give timeout or timeout_at, not both");
    std::optional<TimePoint> deadline;
    if (options.contains("timeout")) deadline = after_seconds(args, options["timeout"], "options.timeout", clock);
    if (options.contains("timeout_at")) {
        const auto& at = options["timeout_at"];
        deadline = at.is_string() ? parse_iso_datetime(at.get<std::string>()) : std::nullopt;
        if (!deadline) args.fail("options.timeout_at must be an ISO 8601 date-time with a zone");
    }
    if (deadline) d["timeout_at"] = format_utc(*deadline);
    if (options.contains("on_timeout")) {
        if (!deadline) args.fail("options.on_timeout needs options.timeout or options.timeout_at");
        d["on_timeout"] = step_name(args, options["on_timeout"], "options.on_timeout", run);
    } else {
        d["on_timeout"] = d["next"];
    }
    return d;
}

}  // namespace

std::map<std::string, lua::EntryCall::Helper> StepApi::helpers(const Clock& clock) {
    std::map<std::string, lua::EntryCall::Helper> h;
    h["wait_until"] = [](RunState& run, const nlohmann::json& raw) -> nlohmann::json {
        const ExtensionArgs args("p.wait_until", raw);
        const auto at = args.time(1);
        return {{"op", "wait_until"}, {"at", format_utc(at)}, {"next", step_name(args, args.at(2), "argument #2", run)}};
    };
    const Clock* now = &clock;
    h["wait"] = [now](RunState& run, const nlohmann::json& raw) -> nlohmann::json {
        const ExtensionArgs args("p.wait", raw);
        const auto at = after_seconds(args, args.at(1), "argument #1", *now);
        return {{"op", "wait_until"}, {"at", format_utc(at)}, {"next", step_name(args, args.at(2), "argument #2", run)}};
    };
    h["wait_for"] = [now](RunState& run, const nlohmann::json& raw) -> nlohmann::json {
        return wait_for(ExtensionArgs("p.wait_for", raw), run, *now);
    };
    h["go"] = [](RunState& run, const nlohmann::json& raw) -> nlohmann::json {
        const ExtensionArgs args("p.go", raw);
        return {{"op", "go"}, {"next", step_name(args, args.at(1), "argument #1", run)}};
    };
    h["finish"] = [](RunState&, const nlohmann::json&) -> nlohmann::json { return {{"op", "finish"}}; };
    return h;
}

}  // namespace orbita::kernel::processes
